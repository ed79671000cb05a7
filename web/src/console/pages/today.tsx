// The lead's own gesture of today, because leads lead by example.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { GestureCard } from "../card";
import { t, type Key } from "../i18n";
import { updateMe, currentMe } from "../session";
import { ErrorNote, Loading, Page, fields, useAction, useApi } from "../ui";

type Result = Schemas["Result"];
const reactions: Schemas["Reaction"][] = ["delighted", "positive", "neutral", "negative"];
const defaultCategories = ["time", "tools", "rules", "stock", "other"];

export default function TodayPage() {
  const today = useApi(() => api.GET("/v1/me/today"), []);
  const a = today.data;
  return (
    <Page title="nav.today">
      <Loading loaded={today} />
      {a && (
        <>
          <GestureCard value={a.gesture.value.name} title={a.gesture.title} howTo={a.gesture.how_to} points={a.gesture.points} challenge={a.challenge?.name} />
          {a.status === "open" ? (
            <OutcomeForm assignment={a} onDone={today.reload} />
          ) : (
            <p class="note" role="status">
              {t("today.recorded", { status: t(`today.status.${a.status}` as Key) })}
              {a.outcome && <> · {t("today.points", { n: a.outcome.points })}</>}
            </p>
          )}
        </>
      )}
    </Page>
  );
}

function OutcomeForm(props: { assignment: Schemas["Assignment"]; onDone: () => void }) {
  const [result, setResult] = useState<Result>("done");
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const f = fields(e.currentTarget as HTMLFormElement);
    const body: Schemas["Outcome"] = { result };
    if (result === "done") {
      if (f.reaction) body.reaction = f.reaction as Schemas["Reaction"];
      if (f.story?.trim()) {
        body.story = f.story.trim();
        body.share = f.share === "on";
      }
    }
    if (result === "blocked") body.barrier = { category: f.category ?? "other", text: f.barrier ?? "" };
    const done = await action.run(() =>
      api.POST("/v1/me/assignments/{assignment_id}/outcome", { params: { path: { assignment_id: props.assignment.id } }, body }),
    );
    if (done) {
      const me = currentMe();
      if (me) updateMe({ ...me, stats: done.stats });
      props.onDone();
    }
  }
  return (
    <form class="stack card" onSubmit={submit}>
      <fieldset class="choice">
        <legend>{t("today.how")}</legend>
        {(["done", "skipped", "blocked"] as Result[]).map((r) => (
          <label>
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
            <input type="checkbox" name="share" /> {t("today.share")}
          </label>
        </>
      )}
      {result === "blocked" && (
        <>
          <label for="category">{t("today.category")}</label>
          <input id="category" name="category" list="categories" required />
          <datalist id="categories">
            {defaultCategories.map((c) => (
              <option value={c} />
            ))}
          </datalist>
          <label for="barrier">{t("today.barrier")}</label>
          <textarea id="barrier" name="barrier" rows={2} required maxLength={1000} />
        </>
      )}
      <ErrorNote error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t("today.record")}
      </button>
    </form>
  );
}
