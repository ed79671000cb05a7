// Today's card: the gesture, its value and why it matters, how to do it, the points it earns
// (a challenge's bonus included); a swap that lets the user choose among the alternatives, or be
// surprised; and
// recording what happened, with immediate feedback (points, streak, a badge) that animates unless
// the phone asks for reduced motion. An outcome goes through the outbox, so it is kept when the
// phone is offline and sent once it is back.
import { useEffect, useState } from "preact/hooks";
import { api, newKey, type Schemas } from "../api";
import { formatNumber, t, type Key } from "../i18n";
import { onSent, pending, record, type Sent } from "../outbox";
import { Icon } from "../icons";
import { currentMe, updateStats, useSession } from "../session";
import { ErrorNote, Loading, Page, explain, fields, useAction, useApi } from "../ui";

type Assignment = Schemas["Assignment"];
type Result = Schemas["Result"];
const reactions: Schemas["Reaction"][] = ["delighted", "positive", "neutral", "negative"];
const categories = ["time", "tools", "rules", "stock", "other"];
const keptToday = "microact-app-today";

function keep(a: Assignment) {
  try {
    localStorage.setItem(keptToday, JSON.stringify(a));
  } catch {
    // private mode
  }
}
function kept(): Assignment | undefined {
  try {
    const v = localStorage.getItem(keptToday);
    return v ? (JSON.parse(v) as Assignment) : undefined;
  } catch {
    return undefined;
  }
}

export default function TodayPage() {
  const session = useSession();
  const today = useApi(async () => {
    const a = await api.GET("/v1/me/today");
    if (a.data) keep(a.data);
    return a;
  }, []);
  const [swapped, setSwapped] = useState<Assignment>();
  const [feedback, setFeedback] = useState<Schemas["OutcomeResult"]>();
  const [waiting, setWaiting] = useState(() => pending().map((p) => p.assignment_id));
  const [late, setLate] = useState<string>();
  const cached = today.error ? kept() : undefined;
  const a = swapped ?? today.data ?? cached;

  useEffect(
    () =>
      onSent((s: Sent | null) => {
        setWaiting(pending().map((p) => p.assignment_id));
        if (!s) return;
        if (s.ok) {
          updateStats(s.result.stats, s.result.badges_earned);
          setFeedback(s.result);
          setSwapped(s.result.assignment);
          keep(s.result.assignment);
        } else {
          // Refused (recorded elsewhere already, or too late): the card as the server has it.
          setLate(explain(s.problem));
          setSwapped(undefined);
          today.reload();
        }
      }),
    [],
  );

  return (
    <Page title="today.title">
      {session.status === "signed-in" && <StatsStrip stats={session.me.stats} />}
      {!cached && <Loading loaded={today} />}
      {cached && (
        <p class="note" role="status">
          {t("offline.kept")}
        </p>
      )}
      <ErrorNote error={late} />
      {feedback && <Feedback result={feedback} />}
      {a && (
        <>
          <GestureCard a={a} />
          {a.status === "open" && waiting.includes(a.id) ? (
            <p class="note pending" role="status">
              {t("outbox.waiting")}
            </p>
          ) : a.status === "open" ? (
            <>
              <Swap a={a} onSwapped={setSwapped} />
              {/* once sent, onSent above shows the feedback; when kept for later, the note */}
              <OutcomeForm a={a} onRecorded={() => setWaiting(pending().map((p) => p.assignment_id))} />
            </>
          ) : a.status === "paused" ? (
            <p class="note">{t("today.paused")}</p>
          ) : (
            !feedback && (
              <p class="note" role="status">
                {t("today.recorded", { status: t(`result.${a.status}` as Key) })}
                {a.outcome && <> · {t("points.n", { n: a.outcome.points })}</>}
              </p>
            )
          )}
        </>
      )}
    </Page>
  );
}

export function StatsStrip(props: { stats: Schemas["Stats"] }) {
  const s = props.stats;
  return (
    <ul class="strip" aria-label={t("stats.label")}>
      <li>
        <Icon name="flame" />
        <span>{t("stats.streak", { n: s.streak.current })}</span>
      </li>
      <li>
        <Icon name="snow" />
        <span>{t("stats.freezes", { n: s.streak.freezes })}</span>
      </li>
      <li>
        <Icon name="star" />
        <span>{t("stats.week", { n: formatNumber(s.points.week) })}</span>
      </li>
    </ul>
  );
}

function GestureCard(props: { a: Assignment }) {
  const g = props.a.gesture;
  return (
    <article class="card gesture" aria-labelledby="gesture-title">
      <p class="value">{g.value.name}</p>
      <h2 id="gesture-title">{g.title}</h2>
      <p class="why">
        <strong>{t("today.why")}</strong> {g.value.description}
      </p>
      <p class="how">
        <strong>{t("today.how")}</strong> {g.how_to}
      </p>
      <p class="pts">
        {/* a card kept offline by an older app has no points_if_done */}
        {t("points.n", { n: props.a.points_if_done ?? g.points })}
        {props.a.challenge && <span class="chip">{t("today.challenge", { name: props.a.challenge.name })}</span>}
      </p>
    </article>
  );
}

function Swap(props: { a: Assignment; onSwapped: (a: Assignment) => void }) {
  const action = useAction();
  const [offered, setOffered] = useState<Schemas["Alternative"][]>();
  if (props.a.swaps_left <= 0) return null;
  async function open() {
    const list = await action.run(() =>
      api.GET("/v1/me/assignments/{assignment_id}/alternatives", { params: { path: { assignment_id: props.a.id } } }),
    );
    if (list) setOffered(list.items);
  }
  // gestureID undefined: a blind swap ("surprise me"), picked by the server's rules.
  async function swap(gestureID?: string) {
    const a = await action.run(() =>
      api.POST("/v1/me/assignments/{assignment_id}/swap", {
        params: { path: { assignment_id: props.a.id }, header: { "Idempotency-Key": newKey() } },
        ...(gestureID ? { body: { gesture_id: gestureID } } : {}),
      }),
    );
    if (a) {
      keep(a);
      setOffered(undefined);
      props.onSwapped(a);
    }
  }
  if (!offered) {
    return (
      <div class="row swap">
        <button type="button" class="secondary" disabled={action.busy} onClick={() => void open()}>
          {t("today.swap")}
        </button>
        <span class="muted">{t("today.swaps_left", { n: props.a.swaps_left })}</span>
        <ErrorNote error={action.error} />
      </div>
    );
  }
  return (
    <section class="card stack chooser" aria-labelledby="chooser-title">
      <h2 id="chooser-title">{t("today.choose_title")}</h2>
      <p class="muted">{t("today.swaps_left", { n: props.a.swaps_left })}</p>
      <ul class="alternatives">
        {offered.map((o) => (
          <li>
            <button type="button" class="alternative" disabled={action.busy} onClick={() => void swap(o.gesture.id)}>
              <span class="value">{o.gesture.value.name}</span>
              <strong>{o.gesture.title}</strong>
              <span class="pts">
                {t("points.n", { n: o.points_if_done })}
                {o.challenge && <span class="chip">{t("today.challenge", { name: o.challenge.name })}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div class="row">
        <button type="button" class="secondary" disabled={action.busy} onClick={() => void swap()}>
          {t("today.surprise")}
        </button>
        <button type="button" class="secondary" disabled={action.busy} onClick={() => setOffered(undefined)}>
          {t("today.keep")}
        </button>
      </div>
      <ErrorNote error={action.error} />
    </section>
  );
}

function OutcomeForm(props: { a: Assignment; onRecorded: () => void }) {
  const [result, setResult] = useState<Result>("done");
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    const f = fields(e.currentTarget as HTMLFormElement);
    const body: Schemas["Outcome"] = { result };
    if (result === "done") {
      if (f.reaction) body.reaction = f.reaction as Schemas["Reaction"];
      if (f.story?.trim()) {
        body.story = f.story.trim();
        body.share = f.share === "on";
        if (body.share && f.quote) body.customer_quote_id = f.quote;
      }
    }
    if (result === "blocked") body.barrier = { category: f.category ?? "other", text: (f.barrier ?? "").trim() };
    setBusy(true);
    setError(undefined);
    try {
      const s = await record(props.a.id, body);
      if (s && !s.ok) setError(explain(s.problem));
      props.onRecorded();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="stack card" onSubmit={submit} aria-labelledby="record-title">
      <h2 id="record-title">{t("today.record_title")}</h2>
      <fieldset class="choice results">
        <legend>{t("today.result")}</legend>
        {(["done", "skipped", "blocked"] as Result[]).map((r) => (
          <label class={result === r ? "on" : undefined}>
            <input type="radio" name="result" value={r} checked={result === r} onChange={() => setResult(r)} />
            {t(`result.${r}` as Key)}
          </label>
        ))}
      </fieldset>
      {result === "done" && (
        <>
          <fieldset class="choice">
            <legend>{t("today.reaction")}</legend>
            {reactions.map((r) => (
              <label>
                <input type="radio" name="reaction" value={r} />
                {t(`reaction.${r}` as Key)}
              </label>
            ))}
          </fieldset>
          <label for="story">{t("today.story")}</label>
          <textarea id="story" name="story" rows={3} maxLength={1000} />
          <label class="check">
            <input type="checkbox" name="share" checked={share} onChange={(e) => setShare((e.currentTarget as HTMLInputElement).checked)} />{" "}
            {t("today.share")}
          </label>
          {share && <QuoteChooser assignmentId={props.a.id} />}
        </>
      )}
      {result === "blocked" && (
        <>
          <label for="category">{t("barrier.category")}</label>
          <select id="category" name="category" required>
            {categories.map((c) => (
              <option value={c}>{t(`category.${c}` as Key)}</option>
            ))}
          </select>
          <label for="barrier">{t("barrier.text")}</label>
          <textarea id="barrier" name="barrier" rows={2} required maxLength={1000} />
        </>
      )}
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {t("today.save")}
      </button>
    </form>
  );
}

// QuoteChooser offers the comments the team's customers left on the assignment's day, for the
// shared story to quote in the customer's own words. Offline, it offers nothing.
function QuoteChooser(props: { assignmentId: string }) {
  const comments = useApi(
    () => api.GET("/v1/me/assignments/{assignment_id}/customer-comments", { params: { path: { assignment_id: props.assignmentId } } }),
    [props.assignmentId],
  );
  if (!comments.data) return null;
  if (comments.data.items.length === 0) return <p class="muted">{t("today.quote_empty")}</p>;
  return (
    <fieldset class="choice quotes">
      <legend>{t("today.quote")}</legend>
      <label>
        <input type="radio" name="quote" value="" defaultChecked />
        {t("today.quote_none")}
      </label>
      {comments.data.items.map((c) => (
        <label>
          <input type="radio" name="quote" value={c.id} />
          <span>
            <strong>{c.score}</strong> · “{c.comment}”
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function Feedback(props: { result: Schemas["OutcomeResult"] }) {
  const r = props.result;
  const me = currentMe();
  return (
    <div class={`feedback ${r.assignment.status}`} role="status" aria-live="polite">
      <p class="burst">{r.points_awarded > 0 ? t("feedback.points", { n: r.points_awarded }) : t("feedback.noted")}</p>
      <p>{t("feedback.streak", { n: r.stats.streak.current })}</p>
      {r.badges_earned.map((b) => (
        <p class="badge-earned">
          <Icon name="medal" size={20} />{" "}
          {t("feedback.badge", { name: b.name })}
        </p>
      ))}
      {r.story_id && <p>{t("feedback.shared")}</p>}
      {r.barrier_id && <p>{t("feedback.barrier")}</p>}
      {me && <p class="muted">{t("feedback.total", { n: formatNumber(r.stats.points.total) })}</p>}
    </div>
  );
}
