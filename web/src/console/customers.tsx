// What a team's customers say: the feedback link's QR code as a printable counter card, and on
// the dashboard the NPS weeks, the latest comments and the link to the team's gestures.
import QRCode from "qrcode";
import { useEffect, useState } from "preact/hooks";
import { api, type Schemas } from "../api/client";
import { formatDay, formatNumber, formatPercent, t } from "./i18n";
import { useAction, useApi } from "./ui";

type NPS = Schemas["DashboardNPS"];

function LinkQR(props: { url: string }) {
  const [svg, setSvg] = useState("");
  useEffect(() => {
    let live = true;
    QRCode.toString(props.url, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 200 }).then((s) => live && setSvg(s));
    return () => void (live = false);
  }, [props.url]);
  return <div class="qr" role="img" aria-label={t("nps.qr_alt")} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** The team's feedback link as a counter card or poster, with print and rotate. */
export function FeedbackCard(props: { teamId: string; teamName: string }) {
  const link = useApi(() => api.GET("/v1/teams/{team_id}/feedback-link", { params: { path: { team_id: props.teamId } } }), [props.teamId]);
  const action = useAction();
  async function rotate() {
    if (!confirm(t("nps.rotate_confirm"))) return;
    if (await action.run(() => api.POST("/v1/teams/{team_id}/feedback-link", { params: { path: { team_id: props.teamId } } }))) link.reload();
  }
  return (
    <section aria-labelledby="fb-title" class="card feedback-card">
      <h2 id="fb-title">{t("nps.card_title")}</h2>
      {link.error && <p role="alert">{link.error}</p>}
      {link.data && (
        <div class="code-card" role="group" aria-label={t("nps.card_for", { name: props.teamName })}>
          <LinkQR url={link.data.url} />
          <div>
            <p class="code-name">{t("nps.card_ask")}</p>
            <p class="hint">{props.teamName}</p>
            <p>
              <a href={link.data.url}>{link.data.url}</a>
            </p>
          </div>
        </div>
      )}
      {action.error && <p role="alert">{action.error}</p>}
      <p class="no-print">
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t("nps.print")}
        </button>{" "}
        <button type="button" class="secondary" disabled={action.busy} onClick={rotate}>
          {t("nps.rotate")}
        </button>
      </p>
    </section>
  );
}

/** The NPS weeks, the latest comments and the link to the gestures. */
export function CustomerVoice(props: { nps: NPS }) {
  const n = props.nps;
  const g = n.gestures;
  return (
    <>
      <section aria-labelledby="nps-title" class="card">
        <h2 id="nps-title">{t("nps.title")}</h2>
        <p>
          <strong>{t("nps.score", { score: n.period.score })}</strong> · {t("nps.top_share", { share: formatPercent(n.period.top_share) })} ·{" "}
          {t("nps.answers", { n: n.period.answers })}
        </p>
        <table>
          <caption>{t("nps.series")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.week_of")}</th>
              <th scope="col">{t("nps.col_answers")}</th>
              <th scope="col">NPS</th>
              <th scope="col">9+</th>
              {n.org && <th scope="col">{t("nps.col_org")}</th>}
            </tr>
          </thead>
          <tbody>
            {n.series.map((w, i) => (
              <tr>
                <td>{formatDay(w.starts_on)}</td>
                <td>{formatNumber(w.answers)}</td>
                <td>{w.answers ? w.score : "–"}</td>
                <td>{w.answers ? formatPercent(w.top_share) : "–"}</td>
                {n.org && <td>{n.org[i]?.answers ? n.org[i].score : "–"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="comments-title" class="card">
        <h2 id="comments-title">{t("nps.comments")}</h2>
        {n.latest_comments.length === 0 ? (
          <p class="muted">{t("nps.nocomments")}</p>
        ) : (
          <ul>
            {n.latest_comments.map((c) => (
              <li>
                <strong>{c.score}</strong> “{c.comment}” <span class="muted">{formatDay(c.day)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="link-title" class="card">
        <h2 id="link-title">{t("nps.link_title")}</h2>
        <p>
          {t("nps.many", { from: g.many_from, share: formatPercent(g.many.top_share), days: g.many.days, answers: g.many.answers })}
        </p>
        <p>{t("nps.few", { share: formatPercent(g.few.top_share), days: g.few.days, answers: g.few.answers })}</p>
        {g.best_day_values.length > 0 && (
          <p>
            {t("nps.best_values")} {g.best_day_values.map((v) => `${v.name} (${v.done})`).join(", ")}
          </p>
        )}
      </section>
    </>
  );
}
