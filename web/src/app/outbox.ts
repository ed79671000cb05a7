// Outcomes on their way to the server. An outcome is written here first, with its
// Idempotency-Key and occurred_at, and leaves only once the server answered it: sent when
// recorded, and again whenever the phone comes online, the app opens or becomes visible, and
// every 30 s while something waits. The key makes a repeat harmless (the server answers the
// first outcome again), so nothing is recorded twice and nothing is lost.
import { api, isNetworkError, newKey, type Schemas } from "./api";

export type Pending = { key: string; assignment_id: string; body: Schemas["Outcome"] };
export type Sent =
  | { key: string; assignment_id: string; ok: true; result: Schemas["OutcomeResult"] }
  | { key: string; assignment_id: string; ok: false; problem: unknown };

const storeKey = "microact-app-outbox";
const listeners = new Set<(s: Sent | null) => void>();

export function pending(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(storeKey) ?? "[]") as Pending[];
  } catch {
    return [];
  }
}

function save(items: Pending[]) {
  localStorage.setItem(storeKey, JSON.stringify(items));
}

function remove(key: string) {
  save(pending().filter((p) => p.key !== key));
}

/** Hears every outcome the server answered (and null when the waiting list changed). */
export function onSent(listener: (s: Sent | null) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function tell(s: Sent | null) {
  listeners.forEach((l) => l(s));
}

/** Keeps an outcome (occurred now) and tries to send it; resolves when it was tried. */
export async function record(assignmentId: string, outcome: Schemas["Outcome"]): Promise<Sent | null> {
  const item: Pending = { key: newKey(), assignment_id: assignmentId, body: { ...outcome, occurred_at: new Date().toISOString() } };
  save([...pending().filter((p) => p.assignment_id !== assignmentId), item]);
  tell(null);
  const sent = await flush();
  return sent.find((s) => s.key === item.key) ?? null;
}

let flushing: Promise<Sent[]> | null = null;

/** Sends what waits, oldest first, one flush at a time; stops at the first network failure. */
export function flush(): Promise<Sent[]> {
  flushing ??= sendAll().finally(() => (flushing = null));
  return flushing;
}

async function sendAll(): Promise<Sent[]> {
  const done: Sent[] = [];
  for (const item of pending()) {
    let answer;
    try {
      answer = await api.POST("/v1/me/assignments/{assignment_id}/outcome", {
        params: { path: { assignment_id: item.assignment_id }, header: { "Idempotency-Key": item.key } },
        body: item.body,
      });
    } catch (e) {
      if (isNetworkError(e)) break; // offline: everything stays for later
      throw e;
    }
    const status = answer.response.status;
    if (status === 401 || status === 429 || status >= 500 || (status === 409 && (answer.error as Schemas["Problem"] | undefined)?.code === "idempotency_in_progress")) {
      break; // not judged yet: tried again later with the same key and body
    }
    remove(item.key);
    const s: Sent = answer.data
      ? { key: item.key, assignment_id: item.assignment_id, ok: true, result: answer.data }
      : { key: item.key, assignment_id: item.assignment_id, ok: false, problem: answer.error };
    done.push(s);
    tell(s);
  }
  return done;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Sends what waits now and whenever the phone may be back online. */
export function startOutbox() {
  const go = () => void flush().catch(() => {});
  window.addEventListener("online", go);
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && go());
  clearInterval(timer);
  timer = setInterval(() => pending().length > 0 && go(), 30_000);
  go();
}
