// The screen's one conversation with the server: GET /v1/display with the link's display token,
// every few seconds with the last ETag (304 while nothing changed). A failed read is retried
// with a growing pause, so a screen outlives a restart of the server or a dropped network by
// itself; a 401 (the link was revoked, or its team deleted) is final.
import createClient from "openapi-fetch";
import type { paths } from "../api/schema";
import type { Schemas } from "../shared/api";

export type Screen = Schemas["DisplayScreen"];
export type Story = Schemas["DisplayStory"];

export type FeedState =
  | { kind: "loading" }
  | { kind: "live"; screen: Screen }
  | { kind: "offline"; screen: Screen | null }
  | { kind: "revoked" }
  | { kind: "nolink" };

const client = createClient<paths>({ baseUrl: "" });

/** How often a screen asks, and the longest pause after failures. */
export const POLL_MS = 2000;
const MAX_BACKOFF_MS = 15000;

/** The display token in the link's fragment (#mxd.<org>.<secret>), or null. */
export function tokenOf(hash: string): string | null {
  const token = decodeURIComponent(hash.replace(/^#/, ""));
  return /^mxd\.[a-z0-9-]{3,40}\.[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/** Follows the screen until stop() is called; onState hears every change. */
export function follow(token: string, onState: (s: FeedState) => void): () => void {
  let etag = "";
  let last: Screen | null = null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const next = (ms: number) => {
    if (!stopped) timer = setTimeout(read, ms);
  };
  async function read() {
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      if (etag) headers["If-None-Match"] = etag;
      const { data, response } = await client.GET("/v1/display", {
        params: { header: etag ? { "If-None-Match": etag } : {} },
        headers,
        cache: "no-store",
      });
      if (response.status === 401) {
        stopped = true;
        onState({ kind: "revoked" });
        return;
      }
      if (response.status === 304 && last) {
        if (failures > 0) onState({ kind: "live", screen: last });
        failures = 0;
        next(POLL_MS);
        return;
      }
      if (!response.ok || !data) throw new Error(`status ${response.status}`);
      etag = response.headers.get("ETag") ?? "";
      last = data;
      failures = 0;
      onState({ kind: "live", screen: data });
      next(POLL_MS);
    } catch {
      failures++;
      onState({ kind: "offline", screen: last });
      next(Math.min(POLL_MS * 2 ** Math.min(failures, 4), MAX_BACKOFF_MS));
    }
  }
  void read();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
