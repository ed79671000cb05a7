// The team's board and the board of all teams, for this week, this month or all time.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatNumber, t } from "../i18n";
import { currentMe } from "../session";
import { Choice, Empty, Loading, Page, TeamSelect, useApi, useTeams } from "../ui";

type Period = "week" | "month" | "all";

export default function BoardsPage() {
  const teams = useTeams();
  const [chosen, setTeam] = useState("");
  const [period, setPeriod] = useState<Period>("week");
  const me = currentMe();
  const list = teams.data ?? [];
  const teamId = chosen || list.find((x) => x.id === me?.team?.id)?.id || list[0]?.id || "";
  return (
    <Page title="nav.boards">
      <div class="toolbar">
        {list.length > 0 && <TeamSelect teams={list} value={teamId} onChange={setTeam} />}
        <Choice
          legend="period"
          name="period"
          value={period}
          onChange={setPeriod}
          options={[
            ["week", "period.week"],
            ["month", "period.month"],
            ["all", "period.all"],
          ]}
        />
      </div>
      <Loading loaded={teams} />
      <div class="columns">
        {teamId && <TeamBoard teamId={teamId} period={period} />}
        <TeamsBoard period={period} />
      </div>
    </Page>
  );
}

function TeamBoard(props: { teamId: string; period: Period }) {
  const board = useApi(
    () => api.GET("/v1/leaderboards/teams/{team_id}", { params: { path: { team_id: props.teamId }, query: { period: props.period, limit: 50 } } }),
    [props.teamId, props.period],
  );
  return (
    <section class="card" aria-labelledby="team-board">
      <h2 id="team-board">{t("boards.team")}</h2>
      <Loading loaded={board} />
      {board.data && <PeopleTable board={board.data} />}
    </section>
  );
}

export function PeopleTable(props: { board: Schemas["Leaderboard"] }) {
  if (props.board.entries.length === 0) return <Empty text="boards.empty" />;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("boards.rank")}</th>
          <th scope="col">{t("boards.person")}</th>
          <th scope="col" class="num">
            {t("boards.points")}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.board.entries.map((e) => (
          <tr class={e.is_me ? "me" : undefined}>
            <td>{e.rank}</td>
            <td>
              {e.user.name ?? <span class="muted">{t("boards.hidden")}</span>}
              {e.role === "lead" && <span class="lead-badge">{t("role.lead_badge")}</span>}
            </td>
            <td class="num">{formatNumber(e.points)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TeamsBoard(props: { period: Period }) {
  const board = useApi(() => api.GET("/v1/leaderboards/teams", { params: { query: { period: props.period, limit: 50 } } }), [props.period]);
  return (
    <section class="card" aria-labelledby="teams-board">
      <h2 id="teams-board">{t("boards.teams")}</h2>
      <Loading loaded={board} />
      {board.data &&
        (board.data.entries.length === 0 ? (
          <Empty text="boards.empty" />
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("boards.rank")}</th>
                <th scope="col">{t("team")}</th>
                <th scope="col" class="num">
                  {t("boards.score")}
                </th>
                <th scope="col" class="num">
                  {t("boards.points")}
                </th>
                <th scope="col" class="num">
                  {t("dashboard.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.data.entries.map((e) => (
                <tr>
                  <td>{e.rank}</td>
                  <td>{e.team.name}</td>
                  <td class="num">{formatNumber(e.score, { maximumFractionDigits: 1 })}</td>
                  <td class="num">{formatNumber(e.points)}</td>
                  <td class="num">{formatNumber(e.members)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
