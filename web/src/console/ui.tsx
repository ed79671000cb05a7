// Small building blocks the pages share: loading an API answer, showing its error, titles, and
// the teams the caller may see.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { api, problemText, type Schemas } from "../api/client";
import { t, type Key } from "./i18n";

export type Loaded<T> = { data?: T; error?: string; loading: boolean; reload: () => void };

type Answer<T> = { data?: T; error?: unknown };

/**
 * Every page of a list, for the lists a page must show whole (a team picker, a team's code
 * sheet): asks for 100 at a time and follows next_cursor until the list ends.
 */
export async function everyPage<I>(
  page: (cursor: string | undefined) => Promise<Answer<{ items: I[]; next_cursor?: string | null }>>,
): Promise<Answer<{ items: I[] }>> {
  const items: I[] = [];
  let cursor: string | undefined;
  do {
    const a = await page(cursor);
    if (a.error !== undefined || !a.data) return { error: a.error };
    items.push(...a.data.items);
    cursor = a.data.next_cursor ?? undefined;
  } while (cursor);
  return { data: { items } };
}

/** Runs an API call on mount and whenever deps change; reload() runs it again. */
export function useApi<T>(call: () => Promise<Answer<T>>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call().then(
      (a) => live && setState(a.error !== undefined ? { error: problemText(a.error), loading: false } : { data: a.data, loading: false }),
      (e) => live && setState({ error: problemText(e), loading: false }),
    );
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** Runs an action (a form's submit): busy while it runs, its error kept for the form to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run<T>(call: () => Promise<Answer<T>>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      const a = await call();
      if (a.error !== undefined) {
        setError(problemText(a.error));
        return undefined;
      }
      return a.data as T;
    } catch (e) {
      setError(problemText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

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

export function ErrorNote(props: { error?: string }) {
  if (!props.error) return null;
  return (
    <p class="error" role="alert">
      {props.error}
    </p>
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

/** Reads a form's fields by name. */
export function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === "string") out[k] = v;
  });
  return out;
}

export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((v): v is string => typeof v === "string");
}

/** The channels a team or a gesture may name, in the order forms list them. */
export const channels: Schemas["Channel"][] = ["store", "phone", "online", "field"];
