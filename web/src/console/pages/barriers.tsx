// What stopped people: a lead acknowledges a barrier and resolves it with a note the reporter (and
// everyone who said "me too") reads, and merges duplicates into one barrier with all its people.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatInstant, t, type Key } from "../i18n";
import { Choice, Empty, ErrorNote, Loading, Page, useAction, useApi, useTeams } from "../ui";

type Status = "open" | "acknowledged" | "resolved";

export default function BarriersPage() {
  const [status, setStatus] = useState<Status>("open");
  const [team, setTeam] = useState("");
  const teams = useTeams();
  const barriers = useApi(
    () => api.GET("/v1/barriers", { params: { query: { status, limit: 100, ...(team && { team_id: team }) } } }),
    [status, team],
  );
  return (
    <Page title="nav.barriers">
      {(teams.data?.length ?? 0) > 1 && (
        <div class="inline">
          <label for="barrier-team">{t("team")}</label>
          <select id="barrier-team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">{t("catalog.all_teams")}</option>
            {teams.data?.map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
        </div>
      )}
      <Choice
        legend="barriers.status"
        name="status"
        value={status}
        onChange={setStatus}
        options={[
          ["open", "barrier.open"],
          ["acknowledged", "barrier.acknowledged"],
          ["resolved", "barrier.resolved"],
        ]}
      />
      <Loading loaded={barriers} />
      {barriers.data && barriers.data.items.length === 0 && <Empty text="barriers.empty" />}
      <ul class="feed">
        {barriers.data?.items.map((b) => (
          <li class="card">
            <BarrierItem barrier={b} others={barriers.data!.items} onChange={barriers.reload} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function BarrierItem(props: { barrier: Schemas["Barrier"]; others: Schemas["Barrier"][]; onChange: () => void }) {
  const b = props.barrier;
  const action = useAction();
  const noteId = `note-${b.id}`;
  const mergeId = `merge-${b.id}`;
  // duplicates are merged within a team, into a barrier that is not resolved
  const targets = props.others.filter((o) => o.id !== b.id && o.team?.id === b.team?.id && o.status !== "resolved");
  const [into, setInto] = useState("");
  async function merge() {
    const target = into || targets[0]?.id;
    if (!target) return;
    const done = await action.run(() =>
      api.POST("/v1/barriers/{barrier_id}/merge", { params: { path: { barrier_id: b.id } }, body: { into: target } }),
    );
    if (done) props.onChange();
  }
  async function update(e: Event, next: "acknowledged" | "resolved") {
    const form = (e.currentTarget as HTMLButtonElement).form!;
    const note = String(new FormData(form).get("note") ?? "").trim();
    const done = await action.run(() =>
      api.PATCH("/v1/barriers/{barrier_id}", { params: { path: { barrier_id: b.id } }, body: note ? { status: next, note } : { status: next } }),
    );
    if (done) props.onChange();
  }
  return (
    <article aria-label={t("barriers.item", { category: b.category, name: b.reporter.name })}>
      <p class="meta">
        <strong>{b.category}</strong> · {b.reporter.name} · {b.team?.name ?? ""} · {formatInstant(b.created_at)} ·{" "}
        <span class={`status ${b.status}`}>{t(`barrier.${b.status}` as Key)}</span>
        {b.escalated && (
          <>
            {" "}
            · <span class="status escalated">{t("barriers.escalated")}</span>
          </>
        )}
      </p>
      <p class="meta">{t(b.me_too_count === 0 ? "barriers.people_one" : "barriers.people", { n: b.me_too_count + 1 })}</p>
      <blockquote>{b.text}</blockquote>
      {b.note && (
        <p>
          <strong>{t("barriers.note")}:</strong> {b.note}
        </p>
      )}
      {b.status !== "resolved" && (
        <form class="stack" onSubmit={(e) => e.preventDefault()}>
          <label for={noteId}>{t("barriers.note_for", { name: b.reporter.name })}</label>
          <textarea id={noteId} name="note" rows={2} maxLength={1000} />
          <ErrorNote error={action.error} />
          <div class="row">
            {b.status === "open" && (
              <button type="button" class="secondary" disabled={action.busy} onClick={(e) => void update(e, "acknowledged")}>
                {t("barriers.acknowledge")}
              </button>
            )}
            <button type="button" disabled={action.busy} onClick={(e) => void update(e, "resolved")}>
              {t("barriers.resolve")}
            </button>
          </div>
          {targets.length > 0 && (
            <div class="row">
              <label for={mergeId}>{t("barriers.merge_into")}</label>
              <select id={mergeId} value={into || targets[0]!.id} onChange={(e) => setInto(e.currentTarget.value)}>
                {targets.map((o) => (
                  <option value={o.id}>{t("barriers.merge_target", { name: o.reporter.name, text: o.text.slice(0, 60) })}</option>
                ))}
              </select>
              <button type="button" class="secondary" disabled={action.busy} onClick={() => void merge()}>
                {t("barriers.merge")}
              </button>
            </div>
          )}
        </form>
      )}
    </article>
  );
}
