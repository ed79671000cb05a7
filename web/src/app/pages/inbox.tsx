// The inbox: what the server told this user (kudos, a spotlight, a barrier's news, a reviewed
// suggestion, reminders). Opening it marks everything shown as read.
import { useEffect } from "preact/hooks";
import { api } from "../api";
import { formatInstant, t } from "../i18n";
import { Loading, Page, useApi } from "../ui";

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
            <h2 class="h3">{n.title}</h2>
            <p>{n.body}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
