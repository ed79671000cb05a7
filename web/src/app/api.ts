// The app's client of microact's API: openapi-fetch typed by the generated schema. The access
// token lives in this module's memory only (the refresh token is the HttpOnly cookie of
// /console/auth, which no script reads). A /v1 call answered 401 (an expired token, or one voided
// by a new time zone) renews the session once and is sent again once; a second 401 stands.
import createClient from "openapi-fetch";
import type { components, paths } from "../api/schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

let accessToken: string | null = null;
let renew: () => Promise<boolean> = async () => false;
let renewing: Promise<boolean> | null = null;

export function setAccessToken(token: string | null) {
  accessToken = token;
}

/** How the session is renewed when the API refuses the access token (session.ts sets it). */
export function whenRefused(renewSession: () => Promise<boolean>) {
  renew = renewSession;
}

/** Renews the session, once for every caller that asks while it runs. */
export function renewOnce(): Promise<boolean> {
  renewing ??= renew().finally(() => (renewing = null));
  return renewing;
}

function withToken(req: Request): Request {
  if (accessToken) req.headers.set("Authorization", `Bearer ${accessToken}`);
  return req;
}

async function send(req: Request): Promise<Response> {
  if (!new URL(req.url).pathname.startsWith("/v1/")) return fetch(req);
  const again = req.clone();
  const sentWith = accessToken;
  const res = await fetch(withToken(req));
  if (res.status !== 401) return res;
  // Another call may have renewed the session meanwhile; otherwise renew it now.
  const renewed = accessToken !== null && accessToken !== sentWith ? true : await renewOnce();
  if (!renewed) return res;
  return fetch(withToken(again));
}

export const api = createClient<paths>({ baseUrl: "", fetch: send });

/** Whether an error is the network's (offline, server away) rather than an answer. */
export function isNetworkError(e: unknown): boolean {
  return e instanceof TypeError;
}

/** The human-readable text of an error answer (problem+json) or a failed request. */
export function problemText(error: unknown, offline: string): string {
  if (isNetworkError(error)) return offline;
  if (error && typeof error === "object") {
    const p = error as Partial<Problem>;
    const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
    const text = [p.detail ?? p.title, fields].filter(Boolean).join(" — ");
    if (text) return text;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
