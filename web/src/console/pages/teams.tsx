// Teams, who leads them and where they meet customers (their channel, which decides the
// gestures they get); from here an admin prints a team's enrollment codes.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatNumber, t, type Key } from "../i18n";
import { Empty, ErrorNote, Loading, Page, channels, checkedValues, everyPage, fields, useAction, useApi } from "../ui";

type Team = Schemas["Team"];
type User = Schemas["User"];

export default function TeamsPage() {
  const teams = useApi(() => everyPage((cursor) => api.GET("/v1/admin/teams", { params: { query: { limit: 100, cursor } } })), []);
  const users = useApi(() => api.GET("/v1/admin/users", { params: { query: { limit: 100, status: "active" } } }), []);
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  const candidates = (users.data?.items ?? []).filter((u) => u.role !== "employee");
  const name = (id: string) => users.data?.items.find((u) => u.id === id)?.name ?? id;
  return (
    <Page title="nav.teams">
      <Loading loaded={teams} />
      <Loading loaded={users} />
      {teams.data && users.data && (
        <>
          {editing ? (
            <TeamForm
              team={editing === "new" ? null : editing}
              candidates={candidates}
              onDone={() => {
                setEditing(null);
                teams.reload();
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <button type="button" onClick={() => setEditing("new")}>
              {t("teams.new")}
            </button>
          )}
          {teams.data.items.length === 0 ? (
            <Empty text="teams.empty" />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("team")}</th>
                  <th scope="col">{t("teams.leads")}</th>
                  <th scope="col">{t("teams.channel")}</th>
                  <th scope="col" class="num">
                    {t("dashboard.members")}
                  </th>
                  <th scope="col">
                    <span class="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {teams.data.items.map((team) => (
                  <tr>
                    <td>{team.name}</td>
                    <td>{team.lead_ids.map(name).join(", ") || <span class="muted">{t("teams.noleads")}</span>}</td>
                    <td>{team.channel ? t(`channel.${team.channel}` as Key) : <span class="muted">{t("teams.any_channel")}</span>}</td>
                    <td class="num">{formatNumber(team.member_count)}</td>
                    <td class="row">
                      <button type="button" class="link" onClick={() => setEditing(team)} aria-label={t("catalog.edit_named", { name: team.name })}>
                        {t("edit")}
                      </button>
                      <a href={`/console/teams/${team.id}/codes`} aria-label={t("teams.codes_named", { name: team.name })}>
                        {t("teams.codes")}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Page>
  );
}

function TeamForm(props: { team: Team | null; candidates: User[]; onDone: () => void; onCancel: () => void }) {
  const team = props.team;
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    // "" is no channel: null clears it on a team that had one
    const channel = (f.channel || null) as Schemas["Channel"] | null;
    const body = { name: f.name ?? "", lead_ids: checkedValues(form, "lead_ids"), channel };
    const done = await action.run(() =>
      team ? api.PATCH("/v1/admin/teams/{team_id}", { params: { path: { team_id: team.id } }, body }) : api.POST("/v1/admin/teams", { body }),
    );
    if (done) props.onDone();
  }
  async function remove() {
    if (!team || !confirm(t("teams.delete_confirm", { name: team.name }))) return;
    const done = await action.run(async () => {
      const { error, response } = await api.DELETE("/v1/admin/teams/{team_id}", { params: { path: { team_id: team.id } } });
      return error !== undefined ? { error } : { data: response.status };
    });
    if (done) props.onDone();
  }
  return (
    <form class="stack form card" onSubmit={submit} aria-label={team ? t("catalog.edit_named", { name: team.name }) : t("teams.new")}>
      <label for="team-name">{t("teams.name")}</label>
      <input id="team-name" name="name" required value={team?.name ?? ""} />
      <label for="team-channel">{t("teams.channel")}</label>
      <select id="team-channel" name="channel" aria-describedby="team-channel-hint">
        <option value="" selected={!team?.channel}>
          {t("teams.any_channel")}
        </option>
        {channels.map((c) => (
          <option value={c} selected={team?.channel === c}>
            {t(`channel.${c}` as Key)}
          </option>
        ))}
      </select>
      <p class="hint" id="team-channel-hint">
        {t("teams.channel_hint")}
      </p>
      <fieldset class="choice">
        <legend>{t("teams.leads")}</legend>
        {props.candidates.map((u) => (
          <label>
            <input type="checkbox" name="lead_ids" value={u.id} checked={team?.lead_ids.includes(u.id)} />
            {u.name}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={action.error} />
      <div class="row">
        <button type="submit" disabled={action.busy}>
          {t("save")}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
        {team && (
          <button type="button" class="danger" disabled={action.busy} onClick={() => void remove()}>
            {t("teams.delete")}
          </button>
        )}
      </div>
    </form>
  );
}
