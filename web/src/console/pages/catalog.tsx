// Values and the gestures tied to them, with their texts in each language the org enables (its
// settings' `locales`), who gets them and a preview of the card as an employee sees it today.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { GestureCard } from "../card";
import { currentLocale, t, type Key } from "../i18n";
import { localeNames, type Locale } from "../../shared/locales";
import { Empty, FormEnd, channels, everyPage, Loading, Page, useAction, useApi, useTeams, type Team } from "../ui";

type Value = Schemas["Value"];
type Gesture = Schemas["Gesture"];
type Role = Schemas["Role"];
const roles: Role[] = ["employee", "lead", "admin"];

/** The languages to write an item's texts in: the org's enabled ones, and any it already has texts in. */
function languagesOf(enabled: Locale[], translations: Partial<Record<Locale, unknown>> = {}): Locale[] {
  const had = (Object.keys(translations) as Locale[]).filter((l) => !enabled.includes(l));
  return [...enabled, ...had];
}
type Channel = Schemas["Channel"];

export default function CatalogPage() {
  const values = useApi(() => everyPage((cursor) => api.GET("/v1/admin/values", { params: { query: { limit: 100, cursor } } })), []);
  const gestures = useApi(() => everyPage((cursor) => api.GET("/v1/admin/gestures", { params: { query: { limit: 100, cursor } } })), []);
  const teams = useTeams();
  const org = useApi(() => api.GET("/v1/admin/org"), []);
  const enabled = org.data?.locales ?? [];
  return (
    <Page title="nav.catalog">
      <Loading loaded={values} />
      <Loading loaded={org} />
      {values.data && org.data && <Values values={values.data.items} locales={enabled} onChange={values.reload} />}
      <Loading loaded={gestures} />
      {values.data && gestures.data && teams.data && org.data && (
        <Gestures gestures={gestures.data.items} values={values.data.items} teams={teams.data} locales={enabled} onChange={gestures.reload} />
      )}
    </Page>
  );
}

function Values(props: { values: Value[]; locales: Locale[]; onChange: () => void }) {
  const [editing, setEditing] = useState<Value | "new" | null>(null);
  return (
    <section aria-labelledby="values-title" class="card">
      <h2 id="values-title">{t("catalog.values")}</h2>
      {props.values.length === 0 ? (
        <Empty text="catalog.novalues" />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("catalog.value")}</th>
              <th scope="col">{t("catalog.description")}</th>
              <th scope="col">{t("catalog.active")}</th>
              <th scope="col">
                <span class="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.values.map((v) => (
              <tr>
                <td>{v.name}</td>
                <td>{v.description}</td>
                <td>{v.active ? t("yes") : t("no")}</td>
                <td>
                  <button type="button" class="link" onClick={() => setEditing(v)} aria-label={t("catalog.edit_named", { name: v.name })}>
                    {t("edit")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <ValueForm
          key={editing === "new" ? "new" : editing.id}
          value={editing === "new" ? null : editing}
          locales={languagesOf(props.locales, editing === "new" ? {} : editing.translations)}
          onDone={() => {
            setEditing(null);
            props.onChange();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setEditing("new")}>
          {t("catalog.new_value")}
        </button>
      )}
    </section>
  );
}

function ValueForm(props: { value: Value | null; locales: Locale[]; onDone: () => void; onCancel: () => void }) {
  const v = props.value;
  const locales = props.locales;
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? "").trim();
    const translations: Schemas["ValueTranslations"] = {};
    for (const l of locales) {
      const name = get(`name_${l}`);
      const description = get(`description_${l}`);
      if (name || description) translations[l] = { ...(name && { name }), ...(description && { description }) };
    }
    const body = { name: get("name"), description: get("description"), translations };
    const done = await action.run(() =>
      v
        ? api.PATCH("/v1/admin/values/{value_id}", { params: { path: { value_id: v.id } }, body: { ...body, active: data.get("active") === "on" } })
        : api.POST("/v1/admin/values", { body }),
    );
    if (done) props.onDone();
  }
  return (
    <form class="stack form" onSubmit={submit} aria-label={v ? t("catalog.edit_named", { name: v.name }) : t("catalog.new_value")}>
      <label for="value-name">{t("catalog.value")}</label>
      <input id="value-name" name="name" required defaultValue={v?.name ?? ""} />
      <label for="value-description">{t("catalog.description")}</label>
      <textarea id="value-description" name="description" rows={2} defaultValue={v?.description ?? ""} />
      {locales.map((l) => (
        <fieldset>
          <legend>{t(`catalog.translation.${l}` as Key)}</legend>
          <label for={`value-name-${l}`}>{t("catalog.value")}</label>
          <input id={`value-name-${l}`} name={`name_${l}`} defaultValue={v?.translations[l]?.name ?? ""} />
          <label for={`value-description-${l}`}>{t("catalog.description")}</label>
          <textarea id={`value-description-${l}`} name={`description_${l}`} rows={2} defaultValue={v?.translations[l]?.description ?? ""} />
        </fieldset>
      ))}
      {v && (
        <label class="check">
          <input type="checkbox" name="active" defaultChecked={v.active} /> {t("catalog.active")}
        </label>
      )}
      <FormEnd error={action.error} busy={action.busy} onCancel={props.onCancel} />
    </form>
  );
}

function Gestures(props: { gestures: Gesture[]; values: Value[]; teams: Team[]; locales: Locale[]; onChange: () => void }) {
  const [editing, setEditing] = useState<Gesture | "new" | null>(null);
  const valueName = (id: string) => props.values.find((v) => v.id === id)?.name ?? "";
  const teamName = (id: string) => props.teams.find((x) => x.id === id)?.name ?? id;
  return (
    <section aria-labelledby="gestures-title" class="card">
      <h2 id="gestures-title">{t("catalog.gestures")}</h2>
      {editing ? (
        <GestureForm
          key={editing === "new" ? "new" : editing.id}
          gesture={editing === "new" ? null : editing}
          locales={languagesOf(props.locales, editing === "new" ? {} : editing.translations)}
          values={props.values}
          teams={props.teams}
          onDone={() => {
            setEditing(null);
            props.onChange();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setEditing("new")}>
          {t("catalog.new_gesture")}
        </button>
      )}
      {props.gestures.length === 0 ? (
        <Empty text="catalog.nogestures" />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("catalog.gesture")}</th>
              <th scope="col">{t("catalog.value")}</th>
              <th scope="col" class="num">
                {t("boards.points")}
              </th>
              <th scope="col">{t("catalog.audience")}</th>
              <th scope="col">{t("catalog.active")}</th>
              <th scope="col">
                <span class="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.gestures.map((g) => (
              <tr>
                <td>{g.title}</td>
                <td>{valueName(g.value_id)}</td>
                <td class="num">{g.points}</td>
                <td>
                  {g.roles.length ? g.roles.map((r) => t(`role.${r}` as Key)).join(", ") : t("catalog.all_roles")} ·{" "}
                  {g.team_ids.length ? g.team_ids.map(teamName).join(", ") : t("catalog.all_teams")} ·{" "}
                  {g.channels.length ? g.channels.map((c) => t(`channel.${c}` as Key)).join(", ") : t("catalog.all_channels")}
                </td>
                <td>{g.active ? t("yes") : t("no")}</td>
                <td>
                  <button type="button" class="link" onClick={() => setEditing(g)} aria-label={t("catalog.edit_named", { name: g.title })}>
                    {t("edit")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Draft = {
  title: string;
  how_to: string;
  value_id: string;
  points: number;
  roles: Role[];
  team_ids: string[];
  channels: Channel[];
  active: boolean;
  translations: Schemas["GestureTranslations"];
};

function GestureForm(props: { gesture: Gesture | null; values: Value[]; teams: Team[]; locales: Locale[]; onDone: () => void; onCancel: () => void }) {
  const locales = props.locales;
  const g = props.gesture;
  const [d, setD] = useState<Draft>({
    title: g?.title ?? "",
    how_to: g?.how_to ?? "",
    value_id: g?.value_id ?? props.values[0]?.id ?? "",
    points: g?.points ?? 10,
    roles: g?.roles ?? [],
    team_ids: g?.team_ids ?? [],
    channels: g?.channels ?? [],
    active: g?.active ?? true,
    translations: g?.translations ?? {},
  });
  const [previewIn, setPreviewIn] = useState<Locale>(locales.includes(currentLocale()) ? currentLocale() : (locales[0] ?? "en"));
  const action = useAction();
  const patch = (p: Partial<Draft>) => setD({ ...d, ...p });
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const setText = (l: Locale, k: "title" | "how_to", text: string) =>
    patch({ translations: { ...d.translations, [l]: { ...d.translations[l], [k]: text } } });
  async function submit(e: Event) {
    e.preventDefault();
    const translations: Schemas["GestureTranslations"] = {};
    for (const l of locales) {
      const tr = d.translations[l];
      if (tr?.title?.trim() || tr?.how_to?.trim())
        translations[l] = { ...(tr.title?.trim() && { title: tr.title.trim() }), ...(tr.how_to?.trim() && { how_to: tr.how_to.trim() }) };
    }
    const body = { ...d, translations };
    const done = await action.run(() =>
      g ? api.PATCH("/v1/admin/gestures/{gesture_id}", { params: { path: { gesture_id: g.id } }, body }) : api.POST("/v1/admin/gestures", { body }),
    );
    if (done) props.onDone();
  }
  const value = props.values.find((v) => v.id === d.value_id);
  const previewValue = value?.translations[previewIn]?.name || value?.name || "";
  const previewTitle = d.translations[previewIn]?.title || d.title;
  const previewHow = d.translations[previewIn]?.how_to || d.how_to;
  return (
    <div class="columns">
      <form class="stack form" onSubmit={submit} aria-label={g ? t("catalog.edit_named", { name: g.title }) : t("catalog.new_gesture")}>
        <label for="g-title">{t("catalog.gesture")}</label>
        <input id="g-title" required value={d.title} onInput={(e) => patch({ title: e.currentTarget.value })} />
        <label for="g-how">{t("catalog.how_to")}</label>
        <textarea id="g-how" required rows={3} value={d.how_to} onInput={(e) => patch({ how_to: e.currentTarget.value })} />
        <label for="g-value">{t("catalog.value")}</label>
        <select id="g-value" value={d.value_id} onChange={(e) => patch({ value_id: e.currentTarget.value })}>
          {props.values.map((v) => (
            <option value={v.id}>{v.name}</option>
          ))}
        </select>
        <label for="g-points">{t("boards.points")}</label>
        <input id="g-points" type="number" min={0} required value={d.points} onInput={(e) => patch({ points: Number(e.currentTarget.value) })} />
        {locales.map((l) => (
          <fieldset>
            <legend>{t(`catalog.translation.${l}` as Key)}</legend>
            <label for={`g-title-${l}`}>{t("catalog.gesture")}</label>
            <input id={`g-title-${l}`} value={d.translations[l]?.title ?? ""} onInput={(e) => setText(l, "title", e.currentTarget.value)} />
            <label for={`g-how-${l}`}>{t("catalog.how_to")}</label>
            <textarea id={`g-how-${l}`} rows={2} value={d.translations[l]?.how_to ?? ""} onInput={(e) => setText(l, "how_to", e.currentTarget.value)} />
          </fieldset>
        ))}
        <fieldset class="choice">
          <legend>{t("catalog.roles")}</legend>
          {roles.map((r) => (
            <label>
              <input type="checkbox" checked={d.roles.includes(r)} onChange={() => patch({ roles: toggle(d.roles, r) })} />
              {t(`role.${r}` as Key)}
            </label>
          ))}
          <p class="hint">{t("catalog.empty_means_all")}</p>
        </fieldset>
        <fieldset class="choice">
          <legend>{t("catalog.teams")}</legend>
          {props.teams.map((team) => (
            <label>
              <input type="checkbox" checked={d.team_ids.includes(team.id)} onChange={() => patch({ team_ids: toggle(d.team_ids, team.id) })} />
              {team.name}
            </label>
          ))}
          <p class="hint">{t("catalog.empty_means_all")}</p>
        </fieldset>
        <fieldset class="choice">
          <legend>{t("catalog.channels")}</legend>
          {channels.map((c) => (
            <label>
              <input type="checkbox" checked={d.channels.includes(c)} onChange={() => patch({ channels: toggle(d.channels, c) })} />
              {t(`channel.${c}` as Key)}
            </label>
          ))}
          <p class="hint">{t("catalog.channels_hint")}</p>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={d.active} onChange={(e) => patch({ active: e.currentTarget.checked })} /> {t("catalog.active")}
        </label>
        <FormEnd error={action.error} busy={action.busy} onCancel={props.onCancel} />
      </form>
      <aside aria-labelledby="preview-title">
        <h3 id="preview-title">{t("catalog.preview")}</h3>
        <div class="inline">
          <label for="preview-locale">{t("language")}</label>
          <select id="preview-locale" value={previewIn} onChange={(e) => setPreviewIn(e.currentTarget.value as Locale)}>
            {locales.map((l) => (
              <option value={l}>{localeNames[l]}</option>
            ))}
          </select>
        </div>
        <GestureCard value={previewValue} title={previewTitle} howTo={previewHow} points={d.points} label={t("catalog.preview")} />
        {!d.active && <p class="hint">{t("catalog.inactive_hint")}</p>}
      </aside>
    </div>
  );
}
