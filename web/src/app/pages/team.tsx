// The team: this period's board around me, and the stories of the team and the whole org, with
// kudos to give and take back.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../api";
import { formatInstant, formatNumber, t, type Key } from "../i18n";
import { Icon } from "../icons";
import { useSession } from "../session";
import { ErrorNote, Loading, Page, explain, useApi } from "../ui";

type Period = "week" | "month" | "all";

export default function TeamPage() {
  const session = useSession();
  const team = session.status === "signed-in" ? session.me.team : null;
  return (
    <Page title="team.title">
      {team ? <Board teamId={team.id} teamName={team.name} /> : <p class="muted">{t("team.none")}</p>}
      <Stories />
    </Page>
  );
}

function Board(props: { teamId: string; teamName: string }) {
  const [period, setPeriod] = useState<Period>("week");
  const board = useApi(
    () => api.GET("/v1/leaderboards/teams/{team_id}", { params: { path: { team_id: props.teamId }, query: { period, around: "me", limit: 7 } } }),
    [period],
  );
  return (
    <section aria-labelledby="board-title" class="card">
      <h2 id="board-title">{t("team.board", { team: props.teamName })}</h2>
      <div class="segmented" role="group" aria-label={t("team.period")}>
        {(["week", "month", "all"] as Period[]).map((p) => (
          <button type="button" aria-pressed={p === period} onClick={() => setPeriod(p)}>
            {t(`period.${p}` as Key)}
          </button>
        ))}
      </div>
      <Loading loaded={board} />
      {board.data && (
        <ol class="board">
          {board.data.entries.map((e) => (
            <li class={e.is_me ? "me" : undefined} aria-current={e.is_me ? "true" : undefined}>
              <span class="rank">{e.rank}</span>
              <span class="name">
                {e.is_me ? t("team.you") : (e.user.name ?? t("team.hidden"))}
                {e.role === "lead" && <span class="chip lead">{t("role.lead_badge")}</span>}
              </span>
              <span class="points">{t("points.n", { n: formatNumber(e.points) })}</span>
            </li>
          ))}
        </ol>
      )}
      {board.data && board.data.entries.length === 0 && <p class="muted">{t("team.empty")}</p>}
    </section>
  );
}

function Stories() {
  const [scope, setScope] = useState<"team" | "org">("team");
  const first = useApi(() => api.GET("/v1/stories", { params: { query: { scope, limit: 20 } } }), [scope]);
  const [more, setMore] = useState<{ items: Schemas["Story"][]; cursor: string | null; for: unknown }>({ items: [], cursor: null, for: null });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Older pages follow the first page's cursor; a new first page (another scope) starts over.
  const extra = more.for === first.data ? more.items : [];
  const cursor = more.for === first.data ? more.cursor : (first.data?.next_cursor ?? null);
  async function older() {
    if (!cursor) return;
    setBusy(true);
    setError(undefined);
    try {
      const a = await api.GET("/v1/stories", { params: { query: { scope, limit: 20, cursor } } });
      if (a.data) setMore({ items: [...extra, ...a.data.items], cursor: a.data.next_cursor, for: first.data });
      else setError(explain(a.error));
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }
  const items = [...(first.data?.items ?? []), ...extra];
  return (
    <section aria-labelledby="stories-title">
      <h2 id="stories-title">{t("stories.title")}</h2>
      <div class="segmented" role="group" aria-label={t("stories.scope")}>
        {(["team", "org"] as const).map((s) => (
          <button type="button" aria-pressed={s === scope} onClick={() => setScope(s)}>
            {t(`stories.${s}` as Key)}
          </button>
        ))}
      </div>
      <Loading loaded={first} />
      {first.data && items.length === 0 && <p class="muted">{t("stories.empty")}</p>}
      <ul class="stories">
        {items.map((s) => (
          <StoryItem story={s} key={s.id} />
        ))}
      </ul>
      <ErrorNote error={error} />
      {cursor && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void older()}>
          {t("more.button")}
        </button>
      )}
    </section>
  );
}

function StoryItem(props: { story: Schemas["Story"] }) {
  const [s, setS] = useState(props.story);
  const [error, setError] = useState<string>();
  const session = useSession();
  const mine = session.status === "signed-in" && session.me.id === s.author.id;
  async function toggle() {
    setError(undefined);
    const path = { params: { path: { story_id: s.id } } };
    try {
      const a = s.kudoed_by_me ? await api.DELETE("/v1/stories/{story_id}/kudos", path) : await api.PUT("/v1/stories/{story_id}/kudos", path);
      if (a.error) setError(explain(a.error));
      else setS({ ...s, kudoed_by_me: !s.kudoed_by_me, kudos: s.kudos + (s.kudoed_by_me ? -1 : 1) });
    } catch (e) {
      setError(explain(e));
    }
  }
  return (
    <li class={`card story${s.spotlight ? " spotlight" : ""}`} data-story={s.id}>
      <p class="meta">
        <strong>{s.author.name}</strong>
        {s.author_role === "lead" && <span class="chip lead">{t("role.lead_badge")}</span>} · {s.gesture.title} · <span class="muted">{formatInstant(s.created_at)}</span>
      </p>
      {s.spotlight && <p class="chip">{t("stories.spotlight")}</p>}
      <p>{s.text}</p>
      {s.customer_quote && <CustomerQuote quote={s.customer_quote} />}
      <div class="row">
        {mine ? (
          <span class="muted">{t("stories.kudos", { n: s.kudos })}</span>
        ) : (
          <button type="button" class={s.kudoed_by_me ? "kudos on" : "kudos secondary"} aria-pressed={s.kudoed_by_me} onClick={() => void toggle()}>
            <Icon name="clap" size={20} />{" "}
            {t("stories.give", { name: s.author.name })}
          </button>
        )}
        {!mine && <span class="muted">{t("stories.kudos", { n: s.kudos })}</span>}
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

// CustomerQuote is the customer's own words a story quotes, with their score.
export function CustomerQuote(props: { quote: Schemas["CustomerQuote"] }) {
  const q = props.quote;
  return (
    <figure class="quote">
      <blockquote>{q.comment}</blockquote>
      <figcaption class="muted">
        {t("stories.quote", { score: q.score })} · {formatInstant(q.created_at)}
      </figcaption>
    </figure>
  );
}
