// Progress: streak and freezes, points, badges and the history of past days.
import { useEffect, useState } from "preact/hooks";
import { api, type Schemas } from "../api";
import { formatDay, formatInstant, formatNumber, t, type Key } from "../i18n";
import { Icon } from "../icons";
import { useSession } from "../session";
import { ErrorNote, Loading, Page, explain } from "../ui";

export default function ProgressPage() {
  const session = useSession();
  if (session.status !== "signed-in") return null;
  const { stats, badges } = session.me;
  return (
    <Page title="progress.title">
      <dl class="tiles">
        <div>
          <dt>{t("progress.streak")}</dt>
          <dd>{formatNumber(stats.streak.current)}</dd>
        </div>
        <div>
          <dt>{t("progress.best")}</dt>
          <dd>{formatNumber(stats.streak.best)}</dd>
        </div>
        <div>
          <dt>{t("progress.freezes")}</dt>
          <dd>{formatNumber(stats.streak.freezes)}</dd>
        </div>
        <div>
          <dt>{t("progress.week")}</dt>
          <dd>{formatNumber(stats.points.week)}</dd>
        </div>
        <div>
          <dt>{t("progress.month")}</dt>
          <dd>{formatNumber(stats.points.month)}</dd>
        </div>
        <div>
          <dt>{t("progress.total")}</dt>
          <dd>{formatNumber(stats.points.total)}</dd>
        </div>
        <div>
          <dt>{t("progress.done")}</dt>
          <dd>{formatNumber(stats.done_total)}</dd>
        </div>
      </dl>
      <p class="muted">{t("progress.freeze_help")}</p>
      <h2>{t("progress.badges")}</h2>
      {badges.length === 0 ? (
        <p class="muted">{t("progress.no_badges")}</p>
      ) : (
        <ul class="badges">
          {badges.map((b) => (
            <li>
              <Icon name="medal" size={20} /> <strong>{b.name}</strong> <span class="muted">{formatInstant(b.earned_at)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("progress.history")}</h2>
      <History />
    </Page>
  );
}

function History() {
  const [items, setItems] = useState<Schemas["Assignment"][]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  async function more(after?: string) {
    setLoading(true);
    try {
      const a = await api.GET("/v1/me/history", { params: { query: { limit: 20, ...(after && { cursor: after }) } } });
      if (a.data) {
        setItems((old) => [...old, ...a.data.items]);
        setCursor(a.data.next_cursor);
      } else setError(explain(a.error));
    } catch (e) {
      setError(explain(e));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void more(), []);
  return (
    <>
      <Loading loaded={{ loading, error, data: items.length ? items : undefined }} />
      <ul class="history">
        {items.map((a) => (
          <li class={a.status}>
            <span class="day">{formatDay(a.date)}</span>
            <span class="what">{a.gesture.title}</span>
            <span class="status">
              {t(`result.${a.status}` as Key)}
              {a.outcome && a.outcome.points > 0 && <> · {t("points.n", { n: a.outcome.points })}</>}
            </span>
          </li>
        ))}
      </ul>
      {error && items.length > 0 && <ErrorNote error={error} />}
      {cursor && (
        <button type="button" class="secondary" disabled={loading} onClick={() => void more(cursor)}>
          {t("more.button")}
        </button>
      )}
    </>
  );
}
