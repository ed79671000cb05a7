// The console session (../shared/session.ts): without a connection, nobody stays signed in.
import { createSession } from "../shared/session";

export type { Me, SessionState } from "../shared/session";

export const { useSession, currentMe, enroll, refresh, logout, updateMe } = createSession();
