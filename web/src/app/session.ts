// The app's session. The access token is kept in memory; the refresh token is the HttpOnly,
// SameSite=Strict cookie of /console/auth (the API's browser sign-in), so a reload or a restart
// of the installed app renews the session without the script ever holding the refresh token.
// The last Me is kept on the phone so the app opens offline and can keep outcomes for later.
import { useEffect, useState } from "preact/hooks";
import { api, isNetworkError, setAccessToken, whenRefused, type Schemas } from "./api";
import { flush } from "./outbox";

export type Me = Schemas["Me"];
export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason?: "expired" }
  | { status: "signed-in"; me: Me; offline: boolean };

const header = { header: { "X-Microact-Console": "1" } } as const;
const keptMe = "microact-app-me";

let state: SessionState = { status: "loading" };
const listeners = new Set<(s: SessionState) => void>();
let renewTimer: ReturnType<typeof setTimeout> | undefined;

function set(next: SessionState) {
  state = next;
  listeners.forEach((l) => l(state));
}

export function useSession(): SessionState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

export function currentMe(): Me | null {
  return state.status === "signed-in" ? state.me : null;
}

function keep(me: Me | null) {
  try {
    if (me) localStorage.setItem(keptMe, JSON.stringify(me));
    else {
      // signed out: nothing of the user stays on the phone but outcomes still to send
      localStorage.removeItem(keptMe);
      localStorage.removeItem("microact-app-today");
    }
  } catch {
    // private mode: nothing kept
  }
}

function kept(): Me | null {
  try {
    const v = localStorage.getItem(keptMe);
    return v ? (JSON.parse(v) as Me) : null;
  } catch {
    return null;
  }
}

type Session = { access_token: string; expires_in: number; user: Me };

function begin(session: Session) {
  setAccessToken(session.access_token);
  clearTimeout(renewTimer);
  const delay = Math.max(10, session.expires_in - 60) * 1000;
  renewTimer = setTimeout(() => void refresh(), delay);
  keep(session.user);
  set({ status: "signed-in", me: session.user, offline: false });
}

function end(reason?: "expired") {
  setAccessToken(null);
  clearTimeout(renewTimer);
  keep(null);
  set({ status: "signed-out", reason });
}

/** Signs in with an enrollment code; returns the error answer when it fails. */
export async function enroll(code: string) {
  const { data, error } = await api.POST("/console/auth/enroll", { params: header, body: { code: code.trim() } });
  if (data) begin(data);
  return error;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Restores or renews the session from the cookie. Without a connection the kept user stays
 * signed in, offline, and the session is renewed once the phone is online again. One renewal runs
 * at a time: the cookie's refresh token works once, and a second use of it ends the session.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= renewFromCookie().finally(() => (refreshing = null));
  return refreshing;
}

/** Whether the session was restored from the phone without a connection. */
export function isOffline(): boolean {
  return state.status === "signed-in" && state.offline;
}

async function renewFromCookie(): Promise<boolean> {
  try {
    const { data } = await api.POST("/console/auth/refresh", { params: header });
    if (data) {
      begin(data);
      return true;
    }
  } catch (e) {
    if (isNetworkError(e)) {
      const me = currentMe() ?? kept();
      if (me) {
        set({ status: "signed-in", me, offline: true });
        return false;
      }
    }
  }
  end(state.status === "signed-in" ? "expired" : undefined);
  return false;
}

/** Signs out, once what waits in the outbox has had its chance to leave (it belongs to this user). */
export async function logout() {
  await flush().catch(() => []);
  try {
    await api.POST("/console/auth/logout", { params: header });
  } finally {
    end();
  }
}

/** Updates the kept Me (after a PATCH /v1/me, a recorded outcome or GET /v1/me). */
export function updateMe(me: Me) {
  if (state.status === "signed-in") {
    keep(me);
    set({ status: "signed-in", me, offline: false });
  }
}

export function updateStats(stats: Me["stats"], badges: Me["badges"] = []) {
  const me = currentMe();
  if (!me) return;
  const known = new Set(me.badges.map((b) => b.id));
  updateMe({ ...me, stats, badges: [...me.badges, ...badges.filter((b) => !known.has(b.id))] });
}

whenRefused(refresh);
