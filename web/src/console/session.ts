// The console session: the access token in memory, renewed through the HttpOnly refresh cookie on
// /console/auth before it expires and on every load (a reload keeps no token). Logout, a reused
// refresh token or a 401 from the API end it.
import { useEffect, useState } from "preact/hooks";
import { api, setAccessToken, whenUnauthorized, type Schemas } from "../api/client";

export type Me = Schemas["Me"];
export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason?: "expired" }
  | { status: "signed-in"; me: Me };

/** The header that tells the server this is the console (no form or image can send it). */
const consoleHeader = { header: { "X-Microact-Console": "1" } } as const;

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

type ConsoleSession = { access_token: string; expires_in: number; user: Me };

function begin(session: ConsoleSession) {
  setAccessToken(session.access_token);
  clearTimeout(renewTimer);
  // Renew a minute before expiry (at least after 10 s), so a page never meets an expired token.
  const delay = Math.max(10, session.expires_in - 60) * 1000;
  renewTimer = setTimeout(() => void refresh(), delay);
  set({ status: "signed-in", me: session.user });
}

function end(reason?: "expired") {
  setAccessToken(null);
  clearTimeout(renewTimer);
  set({ status: "signed-out", reason });
}

/** Signs in with an enrollment code; returns the error answer when it fails. */
export async function enroll(code: string) {
  const { data, error } = await api.POST("/console/auth/enroll", {
    params: consoleHeader,
    body: { code: code.trim() },
  });
  if (data) begin(data);
  return error;
}

/** Restores or renews the session from the refresh cookie. */
export async function refresh(): Promise<boolean> {
  try {
    const { data } = await api.POST("/console/auth/refresh", { params: consoleHeader });
    if (data) {
      begin(data);
      return true;
    }
  } catch {
    // the server is unreachable: treated as signed out, the sign-in page says so when tried
  }
  end(state.status === "signed-in" ? "expired" : undefined);
  return false;
}

export async function logout() {
  try {
    await api.POST("/console/auth/logout", { params: consoleHeader });
  } finally {
    end();
  }
}

/** Updates the stored Me (after a PATCH /v1/me or a recorded outcome). */
export function updateMe(me: Me) {
  if (state.status === "signed-in") set({ status: "signed-in", me });
}

let refreshing: Promise<boolean> | null = null;
whenUnauthorized(() => {
  // An access token refused mid-session: try the refresh cookie once; if that fails, sign out.
  if (state.status !== "signed-in" || refreshing) return;
  refreshing = refresh().finally(() => (refreshing = null));
});
