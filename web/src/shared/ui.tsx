// Building blocks every face's pages use: loading an API answer, running a form's action, showing
// an error, reading a form. The words are the face's: each names its text for a request that never
// reached the server (explainErrorsIn).
import { useCallback, useEffect, useState } from "preact/hooks";
import { problemText } from "./api";

export type Loaded<T> = { data?: T; error?: string; loading: boolean; reload: () => void };
export type Answer<T> = { data?: T; error?: unknown };

let offlineText: (() => string) | undefined;

/** Names, in the face's language, what a request that never reached the server says. */
export function explainErrorsIn(offline: () => string) {
  offlineText = offline;
}

/** The text of an error answer or a failed request, in the face's words. */
export function explain(error: unknown): string {
  return problemText(error, offlineText?.());
}

/** Runs an API call on mount and whenever deps change; reload() runs it again, keeping the last data meanwhile. */
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

export function ErrorNote(props: { error?: string }) {
  if (!props.error) return null;
  return (
    <p class="error" role="alert">
      {props.error}
    </p>
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
