// Break-room screens: make a link for a team (or, for an admin, the whole org), copy it once (the
// server keeps only its hash), see the links one may manage and revoke them.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { formatInstant, t } from "../i18n";
import { currentMe } from "../session";
import { Empty, ErrorNote, Loading, Page, TeamSelect, useAction, useApi, useTeams } from "../ui";

export default function DisplaysPage() {
  const admin = currentMe()?.role === "admin";
  const displays = useApi(() => api.GET("/v1/displays"), []);
  const teams = useTeams();
  const [team, setTeam] = useState("");
  const [made, setMade] = useState<Schemas["DisplayCreated"]>();
  const [copied, setCopied] = useState(false);
  const action = useAction();
  const teamID = team || (admin ? "" : (teams.data?.[0]?.id ?? ""));

  async function create(e: Event) {
    e.preventDefault();
    const d = await action.run(() => api.POST("/v1/displays", { body: teamID ? { team_id: teamID } : {} }));
    if (d) {
      setMade(d);
      setCopied(false);
      displays.reload();
    }
  }
  async function revoke(id: string) {
    if (!confirm(t("displays.revoke_confirm"))) return;
    await action.run(() => api.DELETE("/v1/displays/{display_id}", { params: { path: { display_id: id } } }));
    if (made?.id === id) setMade(undefined);
    displays.reload();
  }
  async function copy() {
    if (!made) return;
    await navigator.clipboard.writeText(made.url);
    setCopied(true);
  }

  const choices = [...(admin ? [{ id: "", name: t("displays.whole_org"), lead_ids: [], channel: null, members: 0 }] : []), ...(teams.data ?? [])];
  return (
    <Page title="nav.displays">
      <p class="muted">{t("displays.intro")}</p>
      <form class="card" onSubmit={(e) => void create(e)} aria-label={t("displays.new")}>
        <TeamSelect id="display-team" teams={choices} value={teamID} onChange={setTeam} />
        <button type="submit" disabled={action.busy || choices.length === 0}>
          {t("displays.create")}
        </button>
      </form>
      <ErrorNote error={action.error} />
      {made && (
        <div class="card" role="region" aria-label={t("displays.new_link")}>
          <p>{t("displays.once")}</p>
          <label for="display-url">{t("displays.link")}</label>
          <input id="display-url" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
          <div class="row">
            <button type="button" onClick={() => void copy()}>
              {t("displays.copy")}
            </button>
            <a href={made.url} target="_blank" rel="noreferrer">
              {t("displays.open")}
            </a>
            {copied && <span role="status">{t("displays.copied")}</span>}
          </div>
        </div>
      )}
      <Loading loaded={displays} />
      {displays.data && displays.data.items.length === 0 && <Empty text="displays.empty" />}
      {displays.data && displays.data.items.length > 0 && (
        <table>
          <caption class="muted">{t("displays.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("displays.shows")}</th>
              <th scope="col">{t("displays.made_by")}</th>
              <th scope="col">{t("displays.made_at")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {displays.data.items.map((d) => (
              <tr key={d.id}>
                <td>{d.team ? d.team.name : t("displays.whole_org")}</td>
                <td>{d.created_by.name}</td>
                <td>{formatInstant(d.created_at)}</td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    disabled={action.busy}
                    aria-label={t("displays.revoke_named", { name: d.team ? d.team.name : t("displays.whole_org") })}
                    onClick={() => void revoke(d.id)}
                  >
                    {t("displays.revoke")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
