// The one client of microact's API for the faces that sign in (the console and the app):
// openapi-fetch typed by the generated schema, so a contract change that breaks a call fails the
// type check. The access token lives in this module's memory only; the refresh token is the
// HttpOnly cookie of /console/auth, which no script reads. A /v1 call answered 401 (an expired
// token, or one voided by a new time zone) renews the session once and is sent again once; calls
// refused at the same moment share one renewal; a second 401 stands.
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

/**
 * The human-readable text of an error answer (problem+json) or a failed request; offline, when
 * given, is what a request that never reached the server says.
 */
export function problemText(error: unknown, offline?: string): string {
  if (offline !== undefined && isNetworkError(error)) return offline;
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

/**
 * Saves everything microact stores about the signed-in user (GET /v1/me/export) as the JSON file
 * the server names; answers the error when the server refused.
 */
export async function downloadMyData(): Promise<unknown> {
  const answer = await api.GET("/v1/me/export", { parseAs: "blob" });
  if (answer.error !== undefined) return answer.error;
  const { data, response } = answer;
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
  const a = document.createElement("a");
  a.href = URL.createObjectURL(data);
  a.download = named ?? "microact-my-data.json";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return undefined;
}
