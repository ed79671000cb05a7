// The stories colleagues shared, newest first; a lead or admin puts a good one in the spotlight.
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { formatInstant, t, type Key } from "../i18n";
import { currentMe } from "../session";
import { Choice, Empty, ErrorNote, Loading, Page, useAction, useApi } from "../ui";

export default function StoriesPage() {
  const admin = currentMe()?.role === "admin";
  const [scope, setScope] = useState<"team" | "org">(admin ? "org" : "team");
  const stories = useApi(() => api.GET("/v1/stories", { params: { query: { scope, limit: 50 } } }), [scope]);
  const action = useAction();
  async function spotlight(id: string) {
    await action.run(() => api.POST("/v1/stories/{story_id}/spotlight", { params: { path: { story_id: id } } }));
    stories.reload();
  }
  return (
    <Page title="nav.stories">
      <Choice
        legend="stories.scope"
        name="scope"
        value={scope}
        onChange={setScope}
        options={[
          ["team", "stories.scope_team"],
          ["org", "stories.scope_org"],
        ]}
      />
      <ErrorNote error={action.error} />
      <Loading loaded={stories} />
      {stories.data && stories.data.items.length === 0 && <Empty text="stories.empty" />}
      <ul class="feed">
        {stories.data?.items.map((s) => (
          <li class={s.spotlight ? "card spotlight" : "card"}>
            <article aria-label={t("stories.by", { name: s.author.name })}>
              <p class="meta">
                <strong>{s.author.name}</strong>
                {s.author_role === "lead" && <span class="lead-badge">{t("role.lead_badge")}</span>} · {s.author.team?.name ?? ""} · {formatInstant(s.created_at)}
              </p>
              <p class="meta">
                {s.gesture.title} · {s.value.name}
                {s.reaction && <> · {t(`reaction.${s.reaction}` as Key)}</>}
              </p>
              <blockquote>{s.text}</blockquote>
              {s.customer_quote && (
                <figure class="quote">
                  <blockquote>{s.customer_quote.comment}</blockquote>
                  <figcaption class="meta">
                    {t("stories.quote", { score: s.customer_quote.score })} · {formatInstant(s.customer_quote.created_at)}
                  </figcaption>
                </figure>
              )}
              <p class="meta">
                {t("stories.kudos", { n: s.kudos })}
                {s.spotlight ? (
                  <strong class="badge"> ★ {t("stories.spotlighted")}</strong>
                ) : (
                  <button type="button" class="secondary" disabled={action.busy} onClick={() => void spotlight(s.id)}>
                    {t("stories.spotlight")}
                  </button>
                )}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </Page>
  );
}
