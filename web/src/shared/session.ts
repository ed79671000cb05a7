// The session of a face that signs in (the console, the app). The access token is kept in memory;
// the refresh token is the HttpOnly, SameSite=Strict cookie of /console/auth (the API's browser
// sign-in), so a reload renews the session without the script ever holding the refresh token. The
// session is renewed a minute before the token expires, on every load, and when the API refuses
// the token (api.ts); one renewal runs at a time, because the cookie's refresh token works once and
// a second use of it ends the whole session family.
import { useEffect, useState } from "preact/hooks";
import { api, isNetworkError, setAccessToken, whenRefused, type Schemas } from "./api";

export type Me = Schemas["Me"];
export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; reason?: "expired" }
  | { status: "signed-in"; me: Me; offline: boolean };

/** What a face adds: the app keeps the last Me on the phone to open offline, and sends its outbox before signing out. */
export type SessionOptions = {
  /** Keeps me (null: forgets everything of the user). */
  keep?: (me: Me | null) => void;
  /** The Me kept from an earlier visit, to stay signed in offline; without it, no connection signs out. */
  kept?: () => Me | null;
  /** Runs before signing out. */
  beforeLogout?: () => Promise<unknown>;
};

/** The header that tells the server this is a face of its own (no form or image can send it). */
const header = { header: { "X-Microact-Console": "1" } } as const;

type Session = { access_token: string; expires_in: number; user: Me };

export function createSession(options: SessionOptions = {}) {
  let state: SessionState = { status: "loading" };
  const listeners = new Set<(s: SessionState) => void>();
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<boolean> | null = null;

  function set(next: SessionState) {
    state = next;
    listeners.forEach((l) => l(state));
  }

  function useSession(): SessionState {
    const [s, setS] = useState(state);
    useEffect(() => {
      listeners.add(setS);
      setS(state);
      return () => void listeners.delete(setS);
    }, []);
    return s;
  }

  function currentMe(): Me | null {
    return state.status === "signed-in" ? state.me : null;
  }

  function begin(session: Session) {
    setAccessToken(session.access_token);
    clearTimeout(renewTimer);
    // Renew a minute before expiry (at least after 10 s), so a page never meets an expired token.
    const delay = Math.max(10, session.expires_in - 60) * 1000;
    renewTimer = setTimeout(() => void refresh(), delay);
    options.keep?.(session.user);
    set({ status: "signed-in", me: session.user, offline: false });
  }

  function end(reason?: "expired") {
    setAccessToken(null);
    clearTimeout(renewTimer);
    options.keep?.(null);
    set({ status: "signed-out", reason });
  }

  /** Signs in with an enrollment code; returns the error answer when it fails. */
  async function enroll(code: string) {
    const { data, error } = await api.POST("/console/auth/enroll", { params: header, body: { code: code.trim() } });
    if (data) begin(data);
    return error;
  }

  /** Restores or renews the session from the cookie, one renewal at a time. */
  function refresh(): Promise<boolean> {
    refreshing ??= renewFromCookie().finally(() => (refreshing = null));
    return refreshing;
  }

  async function renewFromCookie(): Promise<boolean> {
    try {
      const { data } = await api.POST("/console/auth/refresh", { params: header });
      if (data) {
        begin(data);
        return true;
      }
    } catch (e) {
      const me = isNetworkError(e) && options.kept ? (currentMe() ?? options.kept()) : null;
      if (me) {
        set({ status: "signed-in", me, offline: true });
        return false;
      }
    }
    end(state.status === "signed-in" ? "expired" : undefined);
    return false;
  }

  /** Whether the session was restored without a connection. */
  function isOffline(): boolean {
    return state.status === "signed-in" && state.offline;
  }

  async function logout() {
    await options.beforeLogout?.().catch(() => undefined);
    try {
      await api.POST("/console/auth/logout", { params: header });
    } finally {
      end();
    }
  }

  /** Updates the stored Me (after a PATCH /v1/me, a recorded outcome or GET /v1/me). */
  function updateMe(me: Me) {
    if (state.status === "signed-in") {
      options.keep?.(me);
      set({ status: "signed-in", me, offline: false });
    }
  }

  whenRefused(refresh);
  return { useSession, currentMe, enroll, refresh, isOffline, logout, updateMe };
}
