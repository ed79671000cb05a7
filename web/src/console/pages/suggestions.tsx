// Gestures proposed by employees: approving one adds it (org-wide by an admin, for the author's team
// by a lead); either way the author is told, with the note.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatInstant, t, type Key } from "../i18n";
import { Choice, Empty, ErrorNote, Loading, Page, useAction, useApi } from "../ui";

type Status = "pending" | "approved" | "rejected";

export default function SuggestionsPage() {
  const [status, setStatus] = useState<Status>("pending");
  const list = useApi(() => api.GET("/v1/suggestions", { params: { query: { status, limit: 100 } } }), [status]);
  return (
    <Page title="nav.suggestions">
      <Choice
        legend="suggestions.status"
        name="status"
        value={status}
        onChange={setStatus}
        options={[
          ["pending", "suggestion.pending"],
          ["approved", "suggestion.approved"],
          ["rejected", "suggestion.rejected"],
        ]}
      />
      <Loading loaded={list} />
      {list.data && list.data.items.length === 0 && <Empty text="suggestions.empty" />}
      <ul class="feed">
        {list.data?.items.map((s) => (
          <li class="card">
            <SuggestionItem suggestion={s} onChange={list.reload} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function SuggestionItem(props: { suggestion: Schemas["Suggestion"]; onChange: () => void }) {
  const s = props.suggestion;
  const action = useAction();
  const noteId = `note-${s.id}`;
  async function review(e: Event, verdict: "approve" | "reject") {
    const form = (e.currentTarget as HTMLButtonElement).form!;
    const note = String(new FormData(form).get("note") ?? "").trim();
    const params = { path: { suggestion_id: s.id } };
    const body = note ? { note } : {};
    const done = await action.run(() =>
      verdict === "approve"
        ? api.POST("/v1/suggestions/{suggestion_id}/approve", { params, body })
        : api.POST("/v1/suggestions/{suggestion_id}/reject", { params, body }),
    );
    if (done) props.onChange();
  }
  return (
    <article aria-label={t("suggestions.item", { title: s.title })}>
      <h2 class="h3">{s.title}</h2>
      <p class="meta">
        {s.author.name} · {s.value.name} · {formatInstant(s.created_at)} · <span class={`status ${s.status}`}>{t(`suggestion.${s.status}` as Key)}</span>
      </p>
      <p>{s.how_to}</p>
      {s.note && (
        <p>
          <strong>{t("barriers.note")}:</strong> {s.note}
        </p>
      )}
      {s.status === "pending" && (
        <form class="stack" onSubmit={(e) => e.preventDefault()}>
          <label for={noteId}>{t("suggestions.note_for", { name: s.author.name })}</label>
          <textarea id={noteId} name="note" rows={2} maxLength={1000} />
          <ErrorNote error={action.error} />
          <div class="row">
            <button type="button" disabled={action.busy} onClick={(e) => void review(e, "approve")}>
              {t("suggestions.approve")}
            </button>
            <button type="button" class="secondary" disabled={action.busy} onClick={(e) => void review(e, "reject")}>
              {t("suggestions.reject")}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
