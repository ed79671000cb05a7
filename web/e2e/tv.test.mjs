// The break-room screen (/tv/) on a 1920×1080 TV, in an org of its own that scripts/e2e.sh makes
// (SCREEN_ADMIN_CODE is its first admin's enrollment code). The screen's clock is Playwright's:
// time is moved on by the test, never slept on, and the network and the server are taken away by
// intercepting the screen's requests. SCREENSHOTS=1 rewrites docs/screenshots/tv-reconnecting.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { api, axeCheck, base } from "./support.mjs";

const adminCode = process.env.SCREEN_ADMIN_CODE ?? "";
const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const shots = process.env.SCREENSHOTS === "1" ? join(repo, "docs/screenshots") : null;

let browser;
let admin; // the org's admin's access token
let team; // the team the screen shows
const problems = [];

async function must(status, answer) {
  const a = await answer;
  assert.equal(a.status, status, JSON.stringify(a.body));
  return a.body;
}

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  admin = (await must(200, api("POST", "/v1/auth/enroll", null, { code: adminCode }))).access_token;
  team = await must(201, api("POST", "/v1/admin/teams", admin, { name: "Store Haarlem" }));
});
after(async () => {
  await browser?.close();
});

let people = 0;
/** A new employee of the team, signed in through the API. */
async function colleague(name) {
  people++;
  const made = await must(201, api("POST", "/v1/admin/users", admin, { name, email: `screen${people}@screen.example`, role: "employee", team_id: team.id }));
  await must(200, api("PATCH", `/v1/admin/users/${made.user.id}`, admin, { workdays: [1, 2, 3, 4, 5, 6, 7] }));
  return (await must(200, api("POST", "/v1/auth/enroll", null, { code: made.enrollment_code }))).access_token;
}

/** Today's gesture done, with a story shared with colleagues. */
async function share(token, story) {
  const today = await must(200, api("GET", "/v1/me/today", token));
  await must(201, api("POST", `/v1/me/assignments/${today.id}/outcome`, token, { result: "done", story, share: true }));
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

/** The clock stopped a moment ahead of the page's time: timers fire only when the test moves it on. */
async function stopClock(page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
}

/** axe-core schedules its work with timers: the clock runs while it checks, then stops again. */
async function axe(page, label) {
  await page.clock.resume();
  try {
    await axeCheck(page, label);
  } finally {
    await stopClock(page);
  }
}

test("the screen keeps its last picture while the network and then the server are away, and comes back by itself with what was shared meanwhile", { timeout: 180_000 }, async () => {
  const link = await must(201, api("POST", "/v1/displays", admin, { team_id: team.id }));
  const url = link.url.replace(/^https?:\/\/[^/]+/, base);
  const first = "A tourist asked for the station; I drew the way on the back of her receipt.";
  await share(await colleague("Hugo Haring"), first);

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "en-GB" });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));

  // What stands between the screen and the server: the network ("network"), a server that
  // refuses connections ("refused") and then answers 503 while it starts ("starting"), or
  // nothing ("up").
  let away = "up";
  await page.route("**/v1/display", async (route) => {
    if (away === "network") return route.abort("internetdisconnected");
    if (away === "refused") return route.abort("connectionrefused");
    if (away === "starting") return route.fulfill({ status: 503, headers: { "Retry-After": "1", "Content-Type": "application/problem+json" }, body: '{"status":503,"title":"Service Unavailable"}' });
    return route.continue();
  });
  // When (on the screen's clock) the screen asked: the reads' pauses are what is judged.
  await page.addInitScript(() => {
    const reads = [];
    const send = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes("/v1/display")) reads.push(Date.now());
      return send(input, init);
    };
    Object.defineProperty(window, "__reads", { value: reads });
  });
  const readsSoFar = () => page.evaluate(() => window.__reads.slice());
  const pauses = (times) => times.slice(1).map((t, i) => t - times[i]);
  /** Moves the screen's clock on a second at a time, until what is expected shows (at most a minute). */
  const until = async (locator) => {
    for (let s = 0; s < 60 && !(await locator.isVisible()); s++) await page.clock.runFor(1000);
    await locator.waitFor({ timeout: 5000 });
  };
  const run = async (seconds) => {
    for (let s = 0; s < seconds; s++) await page.clock.runFor(1000);
  };

  // The screen's timers run on the test's clock: once the screen is up, nothing happens until the
  // test moves the clock on.
  await page.clock.install();
  await page.goto(url);
  const live = page.getByRole("status").filter({ hasText: "Live" });
  const reconnecting = page.getByRole("status").filter({ hasText: "Reconnecting…" });
  const newest = (text) => page.getByRole("contentinfo").filter({ hasText: text });
  await live.waitFor();
  await newest(first).waitFor();
  await stopClock(page);

  // The network goes away: the next read fails, the screen says so and keeps its last picture.
  away = "network";
  await until(reconnecting);
  await newest(first).waitFor();
  await page.getByRole("heading", { level: 1, name: "This week's board" }).waitFor();
  await axe(page, "/tv/ (reconnecting)");
  await shot(page, "tv-reconnecting");
  // It asks again with a growing pause (4 s, 8 s, then every 15 s), not every 2 s.
  const before = (await readsSoFar()).length;
  await run(60);
  const away1 = (await readsSoFar()).slice(before - 1);
  const gaps = pauses(away1);
  assert.ok(away1.length - 1 >= 3, `asked ${away1.length - 1} times in a minute without a network`);
  assert.ok(gaps.every((g) => g >= 3500) && Math.max(...gaps) >= 8000, `pauses while away: ${gaps.join(", ")} ms`);

  // Meanwhile a colleague shares a story; the network is back and the screen catches up alone.
  const second = "The lift was broken, so I carried a pram down the stairs with its mother.";
  await share(await colleague("Iris Ijsselstein"), second);
  away = "up";
  await until(live);
  await until(newest(second));

  // The server goes away (a restart): connections refused, then 503 while it starts.
  away = "refused";
  await until(reconnecting);
  away = "starting";
  await run(20);
  await reconnecting.waitFor();
  await newest(second).waitFor();
  const third = "A boy lost his mitten; we found it under the bread shelf together.";
  await share(await colleague("Joost Jansma"), third);
  away = "up";
  await until(live);
  await until(newest(third));
  await axe(page, "/tv/ (back)");

  // While all is well it keeps reading, every 2 s at the most (a 304 while nothing changed; how
  // long the server takes to answer is real time, during which the test's clock may move on).
  const well = (await readsSoFar()).length;
  await run(20);
  const upReads = (await readsSoFar()).slice(well - 1);
  assert.ok(upReads.length - 1 >= 3, `asked ${upReads.length - 1} times in 20 s (pauses ${pauses(upReads).join(", ")} ms)`);
  assert.ok(pauses(upReads).every((g) => g >= 2000), `pauses while well: ${pauses(upReads).join(", ")} ms`);
  await live.waitFor();

  // A revoked link is final: the screen says so and stops asking.
  await must(204, api("DELETE", `/v1/displays/${link.id}`, admin));
  await until(page.getByRole("heading", { name: "This display link no longer works" }));
  const revoked = (await readsSoFar()).length;
  await run(30);
  assert.equal((await readsSoFar()).length, revoked, "a revoked screen stops asking");
  await context.close();
});

test("the screen met no CSP violation and no page error", () => {
  assert.deepEqual(problems, []);
});
