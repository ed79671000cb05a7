// The inbox: what the server told this user (kudos, a spotlight, a barrier's news, a reviewed
// suggestion, reminders). Opening it marks everything shown as read.
import { useEffect } from "preact/hooks";
import { api } from "../api";
import { formatInstant, t } from "../i18n";
import { Loading, Page, useApi } from "../ui";

/** The tab a notification is about (its kind), for a link from the inbox. */
const tabOf: Record<string, string> = {
  daily_gesture: "/app/",
  streak_rescue: "/app/",
  kudos: "/app/team",
  spotlight: "/app/team",
  weekly_recap: "/app/progress",
  barrier_update: "/app/more",
  suggestion_reviewed: "/app/more",
};

export default function InboxPage() {
  const list = useApi(() => api.GET("/v1/me/notifications", { params: { query: { limit: 50 } } }), []);
  const newest = list.data?.items[0];
  useEffect(() => {
    if (newest && list.data && list.data.unread > 0) void api.POST("/v1/me/notifications/read", { body: { up_to: newest.id } }).catch(() => {});
  }, [newest?.id]);
  return (
    <Page title="inbox.title">
      <Loading loaded={list} />
      {list.data?.items.length === 0 && <p class="muted">{t("inbox.empty")}</p>}
      <ul class="inbox">
        {list.data?.items.map((n) => (
          <li class={`card${n.read ? "" : " unread"}`}>
            <p class="meta">
              {!n.read && <span class="chip">{t("inbox.new")}</span>} <span class="muted">{formatInstant(n.created_at)}</span>
            </p>
            <h2 class="h3">{tabOf[n.kind] ? <a href={tabOf[n.kind]}>{n.title}</a> : n.title}</h2>
            <p>{n.body}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
