// What the journeys share: the server's address, a plain API call and the axe-core check.
// Not a test file itself (node --test runs only *.test.mjs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const base = process.env.CONSOLE_URL ?? "http://127.0.0.1:8080";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One call of the API, as a script (not the page) makes it: its status and its JSON body. */
export async function api(method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token && { Authorization: `Bearer ${token}` }), ...(body && { "Content-Type": "application/json" }) },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * axe-core finds no serious or critical violation on the page. Judged as a person sees it once
 * the page's animations have ended (mid-fade, text is faint). An animation cancelled meanwhile
 * (the screen drew a newer picture) has ended too: its `finished` rejects with an AbortError.
 */
export async function axeCheck(page, label) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
  );
}
