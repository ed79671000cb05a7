// The one client of microact's API in the browser: openapi-fetch typed by the generated schema,
// so a contract change that breaks a call fails the type check. The access token lives in this
// module's memory only; the refresh token is an HttpOnly cookie the script never sees.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

export const api = createClient<paths>({ baseUrl: "" });

let accessToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setAccessToken(token: string | null) {
  accessToken = token;
}

/** Called when /v1 answers 401: the session ended (logout elsewhere, reuse, deactivation). */
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler;
}

const bearer: Middleware = {
  onRequest({ request }) {
    if (accessToken && new URL(request.url).pathname.startsWith("/v1/")) {
      request.headers.set("Authorization", `Bearer ${accessToken}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && new URL(request.url).pathname.startsWith("/v1/")) {
      onUnauthorized();
    }
    return response;
  },
};
api.use(bearer);

/** The human-readable text of an error answer (problem+json) or a failed request. */
export function problemText(error: unknown): string {
  if (error && typeof error === "object") {
    const p = error as Partial<Problem>;
    const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
    const text = [p.detail ?? p.title, fields].filter(Boolean).join(" — ");
    if (text) return text;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
