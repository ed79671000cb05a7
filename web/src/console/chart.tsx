// The eight-week participation chart (uPlot), with the same figures as a table for screen readers
// and for anyone who prefers numbers.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useEffect, useRef } from "preact/hooks";
import type { Schemas } from "../api/client";
import { formatDay, formatNumber, formatPercent, formatShortDay, t } from "./i18n";

type Week = Schemas["DashboardWeek"];

function seconds(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
}

export function ParticipationChart(props: { series: Week[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || props.series.length === 0) return;
    const xs = props.series.map((w) => seconds(w.starts_on));
    const ys = props.series.map((w) => Math.round(w.participation_rate * 100));
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "UTC"),
        legend: { show: false },
        cursor: { show: false },
        scales: { y: { range: [0, 100] } },
        axes: [
          { space: 45, values: (_u, ticks) => ticks.map((s) => formatShortDay(new Date(s * 1000).toISOString().slice(0, 10))) },
          { values: (_u, ticks) => ticks.map((v) => `${v}%`), size: 50 },
        ],
        series: [
          {},
          {
            label: t("dashboard.participation"),
            stroke: "#1d5c4d",
            width: 2,
            fill: "rgba(29, 92, 77, 0.15)",
            points: { size: 7, fill: "#1d5c4d" },
          },
        ],
      },
      [xs, ys],
      el,
    );
    return () => plot.destroy();
  }, [props.series]);
  if (props.series.length === 0) return <p class="empty">{t("dashboard.noseries")}</p>;
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={t("dashboard.chart_alt")} />
      <details>
        <summary>{t("dashboard.as_table")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.week_of")}</th>
              <th scope="col">{t("dashboard.participation")}</th>
              <th scope="col">{t("result.done")}</th>
            </tr>
          </thead>
          <tbody>
            {props.series.map((w) => (
              <tr>
                <td>{formatDay(w.starts_on)}</td>
                <td>{formatPercent(w.participation_rate)}</td>
                <td>{formatNumber(w.done)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
