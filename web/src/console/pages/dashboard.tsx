// The lead's Monday morning: one team's week (or month) against the one before, and participation
// over the last eight weeks.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { ParticipationChart } from "../chart";
import { CustomerVoice, FeedbackCard } from "../customers";
import { formatDay, formatNumber, formatPercent, t, type Key } from "../i18n";
import { currentMe } from "../session";
import { Choice, Empty, Loading, Page, TeamSelect, useApi, useTeams } from "../ui";

type Period = "week" | "last_week" | "month" | "last_month";
type Dashboard = Schemas["Dashboard"];

const reactions: [keyof Dashboard["reactions"], Key][] = [
  ["delighted", "reaction.delighted"],
  ["positive", "reaction.positive"],
  ["neutral", "reaction.neutral"],
  ["negative", "reaction.negative"],
];

export default function DashboardPage() {
  const teams = useTeams();
  const [chosen, setTeam] = useState("");
  const [period, setPeriod] = useState<Period>("week");
  const me = currentMe();
  const list = teams.data ?? [];
  const teamId = chosen || list.find((x) => x.id === me?.team?.id)?.id || list[0]?.id || "";
  return (
    <Page title="nav.dashboard">
      <Loading loaded={teams} />
      {teams.data && list.length === 0 && <Empty text="dashboard.noteams" />}
      {teamId && (
        <>
          <div class="toolbar">
            <TeamSelect teams={list} value={teamId} onChange={setTeam} />
            <Choice
              legend="period"
              name="period"
              value={period}
              onChange={setPeriod}
              options={[
                ["week", "period.week"],
                ["last_week", "period.last_week"],
                ["month", "period.month"],
                ["last_month", "period.last_month"],
              ]}
            />
          </div>
          <TeamDashboard teamId={teamId} period={period} />
        </>
      )}
    </Page>
  );
}

function TeamDashboard(props: { teamId: string; period: Period }) {
  const loaded = useApi(
    () => api.GET("/v1/teams/{team_id}/dashboard", { params: { path: { team_id: props.teamId }, query: { period: props.period } } }),
    [props.teamId, props.period],
  );
  // This week is read next to last week (and this month next to last month), as on Monday morning.
  const previous = props.period === "week" ? "last_week" : props.period === "month" ? "last_month" : null;
  const before = useApi(
    () =>
      previous
        ? api.GET("/v1/teams/{team_id}/dashboard", { params: { path: { team_id: props.teamId }, query: { period: previous } } })
        : Promise.resolve({ data: undefined }),
    [props.teamId, previous],
  );
  const d = loaded.data;
  if (!d) return <Loading loaded={loaded} />;
  const p = previous ? before.data : undefined;
  const was = (text: string) => (p ? <small>{t(previous === "last_week" ? "dashboard.was_week" : "dashboard.was_month", { value: text })}</small> : null);
  const total = d.results.done + d.results.skipped + d.results.blocked;
  return (
    <div class="dashboard">
      <p class="muted">
        {d.period.starts_at && d.period.ends_at
          ? t("dashboard.range", { from: formatDay(d.period.starts_at.slice(0, 10)), to: formatDay(d.period.ends_at.slice(0, 10)) })
          : null}{" "}
        {t("dashboard.workdays", { n: d.workdays_in_period })}
      </p>
      <ul class="tiles" aria-label={t("dashboard.figures")}>
        <li>
          <strong>{formatPercent(d.participation_rate)}</strong>
          <span>{t("dashboard.participation")}</span>
          {p && was(formatPercent(p.participation_rate))}
        </li>
        <li>
          <strong>{formatNumber(d.members)}</strong>
          <span>{t("dashboard.members")}</span>
        </li>
        <li>
          <strong>{formatNumber(d.results.done)}</strong>
          <span>{t("result.done")}</span>
          {p && was(formatNumber(p.results.done))}
        </li>
        <li>
          <strong>{formatNumber(d.results.skipped)}</strong>
          <span>{t("result.skipped")}</span>
          {p && was(formatNumber(p.results.skipped))}
        </li>
        <li>
          <strong>{formatNumber(d.results.blocked)}</strong>
          <span>{t("result.blocked")}</span>
          {p && was(formatNumber(p.results.blocked))}
        </li>
        <li>
          <a href="/console/barriers">
            <strong>{formatNumber(d.open_barriers)}</strong>
            <span>{t("dashboard.open_barriers")}</span>
          </a>
        </li>
        {d.escalated_barriers > 0 && (
          <li class="alert">
            <a href="/console/barriers">
              <strong>{formatNumber(d.escalated_barriers)}</strong>
              <span>{t("dashboard.escalated_barriers")}</span>
            </a>
          </li>
        )}
        <li>
          <a href="/console/stories">
            <strong>{formatNumber(d.stories_shared)}</strong>
            <span>{t("dashboard.stories_shared")}</span>
            {p && was(formatNumber(p.stories_shared))}
          </a>
        </li>
      </ul>
      <div class="columns">
        <section aria-labelledby="chart-title" class="card">
          <h2 id="chart-title">{t("dashboard.chart")}</h2>
          <ParticipationChart series={d.series} />
        </section>
        <section aria-labelledby="reactions-title" class="card">
          <h2 id="reactions-title">{t("dashboard.reactions")}</h2>
          <dl class="bars">
            {reactions.map(([k, label]) => (
              <>
                <dt>{t(label)}</dt>
                <dd>
                  <meter min={0} max={Math.max(1, d.results.done)} value={d.reactions[k]} aria-label={t(label)} />
                  {formatNumber(d.reactions[k])}
                </dd>
              </>
            ))}
          </dl>
          <p class="muted">{t("dashboard.outcomes", { n: total })}</p>
        </section>
        <section aria-labelledby="top-title" class="card">
          <h2 id="top-title">{t("dashboard.top")}</h2>
          {d.top_gestures.length === 0 ? (
            <Empty text="dashboard.notop" />
          ) : (
            <ol>
              {d.top_gestures.map((g) => (
                <li>
                  {g.title} <span class="muted">({t("dashboard.times", { n: g.done })})</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="leads-title" class="card">
          <h2 id="leads-title">{t("dashboard.leads")}</h2>
          {d.leads.length === 0 ? (
            <Empty text="dashboard.noleads" />
          ) : (
            <ul>
              {d.leads.map((l) => (
                <li>
                  {l.name}: {t("dashboard.days_done", { n: l.days_done, of: d.workdays_in_period })}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="people-title" class="card">
          <h2 id="people-title">{t("dashboard.people")}</h2>
          {d.people.length === 0 ? (
            <Empty text="dashboard.nopeople" />
          ) : (
            <ul>
              {d.people.map((m) => (
                <li>
                  {m.name}: {t("dashboard.days_done", { n: m.days_done, of: d.workdays_in_period })}
                  {m.enrolled ? "" : ` (${t("dashboard.not_enrolled")})`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <CustomerVoice nps={d.nps} />
        <FeedbackCard teamId={d.team.id} teamName={d.team.name} />
      </div>
    </div>
  );
}
