// People: search by name or email, filter by team, role and status; create someone, change them
// (language, time zone and workdays too), deactivate them, erase them for good, and hand out a new
// enrollment code as text and as a QR code.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { t, type Key } from "../i18n";
import { CodeCard } from "../qr";
import { Empty, ErrorNote, Loading, Page, checkedValues, fields, useAction, useApi, useTeams, type Team } from "../ui";
import { weekdays } from "./org";
import { localeNames, locales, type Locale } from "../../shared/locales";

type User = Schemas["User"];
type Role = Schemas["Role"];
type Status = "active" | "inactive" | "";
type Code = { name: string; code: string; expires_at?: string };

export default function UsersPage() {
  const teams = useTeams();
  const [q, setQ] = useState("");
  const [team, setTeam] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<Status>("active");
  const users = useApi(
    () =>
      api.GET("/v1/admin/users", {
        params: { query: { limit: 100, ...(q && { q }), ...(team && { team_id: team }), ...(role && { role }), ...(status && { status }) } },
      }),
    [q, team, role, status],
  );
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [code, setCode] = useState<Code | null>(null);
  const [erasing, setErasing] = useState<User | null>(null);
  const [erased, setErased] = useState<string>();
  // The languages a person may be given: the org's enabled ones.
  const org = useApi(() => api.GET("/v1/admin/org"), []);
  const action = useAction();
  async function newCode(u: User) {
    const c = await action.run(() => api.POST("/v1/admin/users/{user_id}/enrollment-code", { params: { path: { user_id: u.id } } }));
    if (c) setCode({ name: u.name, code: c.enrollment_code, expires_at: c.expires_at });
  }
  async function setActive(u: User, active: boolean) {
    if (!active && !confirm(t("users.deactivate_confirm", { name: u.name }))) return;
    if (await action.run(() => api.PATCH("/v1/admin/users/{user_id}", { params: { path: { user_id: u.id } }, body: { active } }))) users.reload();
  }
  const teamList = teams.data ?? [];
  return (
    <Page title="nav.users">
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="inline">
          <label for="q">{t("users.search")}</label>
          <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div class="inline">
          <label for="filter-team">{t("team")}</label>
          <select id="filter-team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">{t("users.any")}</option>
            {teamList.map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
        </div>
        <div class="inline">
          <label for="filter-role">{t("users.role")}</label>
          <select id="filter-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role | "")}>
            <option value="">{t("users.any")}</option>
            {(["employee", "lead", "admin"] as Role[]).map((r) => (
              <option value={r}>{t(`role.${r}` as Key)}</option>
            ))}
          </select>
        </div>
        <div class="inline">
          <label for="filter-status">{t("users.status")}</label>
          <select id="filter-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
            <option value="active">{t("users.active")}</option>
            <option value="inactive">{t("users.inactive")}</option>
            <option value="">{t("users.any")}</option>
          </select>
        </div>
      </form>
      {code && (
        <section class="card" aria-labelledby="code-title" role="region">
          <h2 id="code-title">{t("users.code_title", { name: code.name })}</h2>
          <CodeCard name={code.name} code={code.code} expiresAt={code.expires_at} />
          <button type="button" class="secondary" onClick={() => setCode(null)}>
            {t("close")}
          </button>
        </section>
      )}
      {erasing && (
        <EraseUser
          user={erasing}
          onDone={() => {
            setErased(erasing.name);
            setErasing(null);
            users.reload();
          }}
          onCancel={() => setErasing(null)}
        />
      )}
      {erased && (
        <p class="note" role="status">
          {t("users.erased", { name: erased })}
        </p>
      )}
      {editing ? (
        <UserForm
          key={editing === "new" ? "new" : editing.id}
          user={editing === "new" ? null : editing}
          teams={teamList}
          locales={org.data?.locales ?? locales}
          onDone={(created) => {
            setEditing(null);
            if (created) setCode(created);
            users.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing("new")}>
          {t("users.new")}
        </button>
      )}
      <ErrorNote error={action.error} />
      <Loading loaded={users} />
      {users.data &&
        (users.data.items.length === 0 ? (
          <Empty text="users.empty" />
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("team")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">
                  <span class="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{t(`role.${u.role}` as Key)}</td>
                  <td>{u.team?.name ?? ""}</td>
                  <td>
                    {u.active ? t("users.active") : t("users.inactive")}
                    {u.active && !u.enrolled && <span class="muted"> · {t("users.not_enrolled")}</span>}
                  </td>
                  <td class="row">
                    <button type="button" class="link" onClick={() => setEditing(u)} aria-label={t("catalog.edit_named", { name: u.name })}>
                      {t("edit")}
                    </button>
                    {u.active && (
                      <button type="button" class="link" disabled={action.busy} onClick={() => void newCode(u)} aria-label={t("users.code_named", { name: u.name })}>
                        {t("users.code")}
                      </button>
                    )}
                    <button
                      type="button"
                      class="link"
                      disabled={action.busy}
                      onClick={() => void setActive(u, !u.active)}
                      aria-label={t(u.active ? "users.deactivate_named" : "users.reactivate_named", { name: u.name })}
                    >
                      {t(u.active ? "users.deactivate" : "users.reactivate")}
                    </button>
                    <button
                      type="button"
                      class="link danger"
                      onClick={() => {
                        setErased(undefined);
                        setEditing(null);
                        setErasing(u);
                      }}
                      aria-label={t("users.erase_named", { name: u.name })}
                    >
                      {t("users.erase")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}

/**
 * Erasure is for good, so it is confirmed by typing the person's name, after reading what goes
 * and what stays (DELETE /v1/admin/users/{id}); deactivating is the reversible way.
 */
function EraseUser(props: { user: User; onDone: () => void; onCancel: () => void }) {
  const u = props.user;
  const [typed, setTyped] = useState("");
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    if (typed.trim() !== u.name.trim()) return;
    const done = await action.run(async () => {
      const a = await api.DELETE("/v1/admin/users/{user_id}", { params: { path: { user_id: u.id } } });
      return a.error !== undefined ? { error: a.error } : { data: true };
    });
    if (done) props.onDone();
  }
  return (
    <form class="stack form card danger-zone" onSubmit={submit} aria-labelledby="erase-title">
      <h2 id="erase-title">{t("users.erase_title", { name: u.name })}</h2>
      <h3>{t("users.erase_removed_title")}</h3>
      <p>{t("users.erase_removed")}</p>
      <h3>{t("users.erase_stays_title")}</h3>
      <p>{t("users.erase_stays")}</p>
      <p>
        <strong>{t("users.erase_final")}</strong>
      </p>
      <label for="erase-name">{t("users.erase_type", { name: u.name })}</label>
      <input id="erase-name" autocomplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      <ErrorNote error={action.error} />
      <div class="row">
        <button type="submit" class="danger" disabled={action.busy || typed.trim() !== u.name.trim()}>
          {t("users.erase_confirm")}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * A person's form. Its fields show their values once (default values): an error answer leaves
 * what the admin typed in place.
 */
function UserForm(props: { user: User | null; teams: Team[]; locales: Locale[]; onDone: (created?: Code) => void; onCancel: () => void }) {
  const u = props.user;
  const action = useAction();
  // The person's own language stays offered even when the org no longer enables it.
  const offered = u && !props.locales.includes(u.locale) ? [...props.locales, u.locale] : props.locales;
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const base = { name: f.name ?? "", email: f.email ?? "", role: (f.role ?? "employee") as Role, team_id: f.team_id || null };
    if (!u) {
      const created = await action.run(() => api.POST("/v1/admin/users", { body: base }));
      if (created) props.onDone({ name: created.user.name, code: created.enrollment_code, expires_at: created.enrollment_code_expires_at });
      return;
    }
    const body: Schemas["UserPatch"] = {
      ...base,
      locale: f.locale as Locale,
      timezone: f.timezone ?? "",
      workdays: checkedValues(form, "workdays").map(Number),
    };
    if (await action.run(() => api.PATCH("/v1/admin/users/{user_id}", { params: { path: { user_id: u.id } }, body }))) props.onDone();
  }
  return (
    <form class="stack form card" onSubmit={submit} aria-label={u ? t("catalog.edit_named", { name: u.name }) : t("users.new")}>
      <label for="u-name">{t("users.name")}</label>
      <input id="u-name" name="name" required defaultValue={u?.name ?? ""} />
      <label for="u-email">{t("users.email")}</label>
      <input id="u-email" name="email" type="email" required defaultValue={u?.email ?? ""} />
      <label for="u-role">{t("users.role")}</label>
      <select id="u-role" name="role">
        {(["employee", "lead", "admin"] as Role[]).map((r) => (
          <option value={r} selected={r === (u?.role ?? "employee")}>
            {t(`role.${r}` as Key)}
          </option>
        ))}
      </select>
      <label for="u-team">{t("team")}</label>
      <select id="u-team" name="team_id">
        <option value="" selected={!u?.team}>
          {t("users.noteam")}
        </option>
        {props.teams.map((x) => (
          <option value={x.id} selected={x.id === u?.team?.id}>
            {x.name}
          </option>
        ))}
      </select>
      {u && (
        <>
          <label for="u-locale">{t("language")}</label>
          <select id="u-locale" name="locale">
            {offered.map((l) => (
              <option value={l} selected={l === u.locale}>
                {localeNames[l]}
              </option>
            ))}
          </select>
          <label for="u-timezone">{t("org.timezone")}</label>
          <input id="u-timezone" name="timezone" required defaultValue={u.timezone} aria-describedby="u-timezone-hint" />
          <p id="u-timezone-hint" class="hint">
            {t("org.timezone_hint")}
          </p>
          <fieldset class="choice">
            <legend>{t("users.workdays")}</legend>
            {weekdays.map(([d, label]) => (
              <label>
                <input type="checkbox" name="workdays" value={d} defaultChecked={u.workdays.includes(d)} />
                {t(label)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <ErrorNote error={action.error} />
      <div class="row">
        <button type="submit" disabled={action.busy}>
          {u ? t("save") : t("users.create")}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
