// Time-boxed challenges: which gestures, for which teams, between which days, with what bonus; while
// one runs its board refreshes by itself.
import { useEffect, useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatDay, t } from "../i18n";
import { Empty, FormEnd, everyPage, Loading, Page, checkedValues, fields, useAction, useApi, useTeams, type Team } from "../ui";
import { PeopleTable } from "./boards";

type Challenge = Schemas["Challenge"];
type Gesture = Schemas["Gesture"];

/** Today in the browser's calendar; a challenge's days are the org's, close enough to label it. */
function todayISO(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export default function ChallengesPage() {
  const challenges = useApi(() => everyPage((cursor) => api.GET("/v1/admin/challenges", { params: { query: { limit: 100, cursor } } })), []);
  const gestures = useApi(() => everyPage((cursor) => api.GET("/v1/admin/gestures", { params: { query: { active: true, limit: 100, cursor } } })), []);
  const teams = useTeams();
  const [editing, setEditing] = useState<Challenge | "new" | null>(null);
  const today = todayISO();
  const ready = challenges.data && gestures.data && teams.data;
  return (
    <Page title="nav.challenges">
      <Loading loaded={challenges} />
      <Loading loaded={gestures} />
      {ready && (
        <>
          {editing ? (
            <ChallengeForm
              challenge={editing === "new" ? null : editing}
              gestures={gestures.data!.items}
              teams={teams.data!}
              onDone={() => {
                setEditing(null);
                challenges.reload();
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <button type="button" onClick={() => setEditing("new")}>
              {t("challenges.new")}
            </button>
          )}
          {challenges.data!.items.length === 0 && <Empty text="challenges.empty" />}
          <ul class="feed">
            {challenges.data!.items.map((c) => {
              const running = c.starts_on <= today && today <= c.ends_on;
              return (
                <li class="card">
                  <article aria-label={c.name}>
                    <h2 class="h3">
                      {c.name}{" "}
                      <span class={running ? "status open" : "status"}>
                        {running ? t("challenges.running") : c.ends_on < today ? t("challenges.ended") : t("challenges.upcoming")}
                      </span>
                    </h2>
                    <p class="meta">
                      {formatDay(c.starts_on)} – {formatDay(c.ends_on)} · {t("challenges.bonus_n", { n: c.bonus_points })} ·{" "}
                      {c.team_ids.length ? c.team_ids.map((id) => teams.data!.find((x) => x.id === id)?.name ?? id).join(", ") : t("catalog.all_teams")}
                    </p>
                    {c.description && <p>{c.description}</p>}
                    <p class="meta">
                      {c.gesture_ids.map((id) => gestures.data!.items.find((g) => g.id === id)?.title ?? id).join(" · ")}
                    </p>
                    <button type="button" class="link" onClick={() => setEditing(c)} aria-label={t("catalog.edit_named", { name: c.name })}>
                      {t("edit")}
                    </button>
                    {running && <LiveBoard id={c.id} />}
                  </article>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Page>
  );
}

/** A running challenge's board, read again every 15 seconds while the page is open. */
function LiveBoard(props: { id: string }) {
  const board = useApi(() => api.GET("/v1/leaderboards/challenges/{challenge_id}", { params: { path: { challenge_id: props.id }, query: { limit: 10 } } }), [props.id]);
  useEffect(() => {
    const timer = setInterval(board.reload, 15000);
    return () => clearInterval(timer);
  }, [board.reload]);
  return (
    <section aria-label={t("challenges.board")}>
      <h3>{t("challenges.board")}</h3>
      <Loading loaded={board} />
      {board.data && <PeopleTable board={board.data} />}
    </section>
  );
}

function ChallengeForm(props: { challenge: Challenge | null; gestures: Gesture[]; teams: Team[]; onDone: () => void; onCancel: () => void }) {
  const c = props.challenge;
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const body = {
      name: f.name ?? "",
      description: f.description ?? "",
      starts_on: f.starts_on ?? "",
      ends_on: f.ends_on ?? "",
      bonus_points: Number(f.bonus_points),
      team_ids: checkedValues(form, "team_ids"),
      gesture_ids: checkedValues(form, "gesture_ids"),
    };
    const done = await action.run(() =>
      c ? api.PATCH("/v1/admin/challenges/{challenge_id}", { params: { path: { challenge_id: c.id } }, body }) : api.POST("/v1/admin/challenges", { body }),
    );
    if (done) props.onDone();
  }
  return (
    <form class="stack form card" onSubmit={submit} aria-label={c ? t("catalog.edit_named", { name: c.name }) : t("challenges.new")}>
      <label for="c-name">{t("challenges.name")}</label>
      <input id="c-name" name="name" required value={c?.name ?? ""} />
      <label for="c-description">{t("catalog.description")}</label>
      <textarea id="c-description" name="description" rows={2} value={c?.description ?? ""} />
      <div class="grid2">
        <label>
          {t("challenges.starts_on")}
          <input name="starts_on" type="date" required value={c?.starts_on ?? ""} />
        </label>
        <label>
          {t("challenges.ends_on")}
          <input name="ends_on" type="date" required value={c?.ends_on ?? ""} />
        </label>
      </div>
      <label for="c-bonus">{t("challenges.bonus")}</label>
      <input id="c-bonus" name="bonus_points" type="number" min={0} required value={c?.bonus_points ?? 5} />
      <fieldset class="choice">
        <legend>{t("catalog.teams")}</legend>
        {props.teams.map((team) => (
          <label>
            <input type="checkbox" name="team_ids" value={team.id} checked={c?.team_ids.includes(team.id)} />
            {team.name}
          </label>
        ))}
        <p class="hint">{t("catalog.empty_means_all")}</p>
      </fieldset>
      <fieldset class="choice columns-list">
        <legend>{t("catalog.gestures")}</legend>
        {props.gestures.map((g) => (
          <label>
            <input type="checkbox" name="gesture_ids" value={g.id} checked={c?.gesture_ids.includes(g.id)} />
            {g.title}
          </label>
        ))}
      </fieldset>
      <FormEnd error={action.error} busy={action.busy} onCancel={props.onCancel} />
    </form>
  );
}
