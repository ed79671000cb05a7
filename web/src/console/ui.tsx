// The console's own building blocks (titles, form ends, the teams the caller may see); the ones
// every face shares come from ../shared/ui.tsx.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { api, type Schemas } from "../api/client";
import { ErrorNote, everyPage, useApi, type Loaded } from "../shared/ui";
import { t, type Key } from "./i18n";

export { ErrorNote, checkedValues, everyPage, fields, useAction, useApi, type Loaded } from "../shared/ui";

export function Page(props: { title: Key; children: ComponentChildren; actions?: ComponentChildren }) {
  const title = t(props.title);
  useEffect(() => {
    document.title = `${title} · microact`;
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

/** The end of an edit form: what went wrong, then save and cancel. */
export function FormEnd(props: { error?: string; busy: boolean; onCancel: () => void }) {
  return (
    <>
      <ErrorNote error={props.error} />
      <div class="row">
        <button type="submit" disabled={props.busy}>
          {t("save")}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </>
  );
}

export function Loading(props: { loaded: { loading: boolean; error?: string } }) {
  if (props.loaded.error) return <ErrorNote error={props.loaded.error} />;
  if (props.loaded.loading) return <p class="muted" aria-live="polite">{t("loading")}</p>;
  return null;
}

export function Empty(props: { text: Key }) {
  return <p class="empty">{t(props.text)}</p>;
}

export type Team = Schemas["TeamSummary"];

/** The teams the caller may see: all for an admin, the ones they lead for a lead. */
export function useTeams(): Loaded<Team[]> {
  const loaded = useApi(() => everyPage((cursor) => api.GET("/v1/teams", { params: { query: { limit: 100, cursor } } })), []);
  return { ...loaded, data: loaded.data?.items };
}

export function TeamSelect(props: { teams: Team[]; value: string; onChange: (id: string) => void; id?: string }) {
  const id = props.id ?? "team";
  return (
    <div class="inline">
      <label for={id}>{t("team")}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.teams.map((team) => (
          <option value={team.id}>{team.name}</option>
        ))}
      </select>
    </div>
  );
}

/** A segmented choice (week / month / all …) as radio buttons in a fieldset. */
export function Choice<V extends string>(props: { legend: Key; name: string; value: V; options: [V, Key][]; onChange: (v: V) => void }) {
  return (
    <fieldset class="choice">
      <legend>{t(props.legend)}</legend>
      {props.options.map(([v, label]) => (
        <label>
          <input type="radio" name={props.name} value={v} checked={props.value === v} onChange={() => props.onChange(v)} />
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}

/** The channels a team or a gesture may name, in the order forms list them. */
export const channels: Schemas["Channel"][] = ["store", "phone", "online", "field"];
