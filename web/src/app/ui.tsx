// Small building blocks the app's pages share.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { problemText } from "./api";
import { t, type Key } from "./i18n";

export type Loaded<T> = { data?: T; error?: string; loading: boolean; reload: () => void };
type Answer<T> = { data?: T; error?: unknown };

export function explain(error: unknown): string {
  return problemText(error, t("offline.error"));
}

/** Runs an API call on mount and whenever deps change; reload() runs it again. */
export function useApi<T>(call: () => Promise<Answer<T>>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call().then(
      (a) => live && setState(a.error !== undefined ? { error: explain(a.error), loading: false } : { data: a.data, loading: false }),
      (e) => live && setState((s) => ({ data: s.data, error: explain(e), loading: false })),
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
        setError(explain(a.error));
        return undefined;
      }
      return a.data as T;
    } catch (e) {
      setError(explain(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

export function Page(props: { title: Key; children: ComponentChildren }) {
  const title = t(props.title);
  useEffect(() => {
    document.title = `${title} · microact`;
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
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

export function Loading(props: { loaded: { loading: boolean; error?: string; data?: unknown } }) {
  if (props.loaded.error) return <ErrorNote error={props.loaded.error} />;
  if (props.loaded.loading && props.loaded.data === undefined) return <p class="muted" aria-live="polite">{t("loading")}</p>;
  return null;
}

/** The values of a form, by field name. */
export function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => (out[k] = String(v)));
  return out;
}
