// The app's session (../shared/session.ts). The last Me is kept on the phone so the app opens
// offline and can keep outcomes for later; signing out sends what waits in the outbox first (it
// belongs to this user) and leaves nothing else of the user on the phone.
import { createSession, type Me } from "../shared/session";
import { flush } from "./outbox";

export type { Me, SessionState } from "../shared/session";

const keptMe = "microact-app-me";

function keep(me: Me | null) {
  try {
    if (me) localStorage.setItem(keptMe, JSON.stringify(me));
    else {
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

export const { useSession, currentMe, enroll, refresh, isOffline, logout, updateMe } = createSession({ keep, kept, beforeLogout: flush });

export function updateStats(stats: Me["stats"], badges: Me["badges"] = []) {
  const me = currentMe();
  if (!me) return;
  const known = new Set(me.badges.map((b) => b.id));
  updateMe({ ...me, stats, badges: [...me.badges, ...badges.filter((b) => !known.has(b.id))] });
}
