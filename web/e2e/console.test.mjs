// The console in a real browser (Debian's Chromium through playwright-core) against a real
// `microact serve` with its own Redis and the demo org; scripts/e2e.sh starts those and passes
// their addresses and enrollment codes in the environment. The tests read as journeys and select
// by role and label, as a screen reader would. SCREENSHOTS=1 rewrites docs/screenshots.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { api, axeCheck as axe, base } from "./support.mjs";

const codes = JSON.parse(process.env.CONSOLE_CODES ?? "{}");
const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const shots = process.env.SCREENSHOTS === "1" ? join(repo, "docs/screenshots") : null;
const timingsFile = process.env.CONSOLE_TIMINGS;

let browser;
const timings = [];
const cspViolations = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
});
after(async () => {
  await browser?.close();
  if (timingsFile) writeFileSync(timingsFile, JSON.stringify(timings, null, 2));
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  return page;
}

async function signIn(page, code) {
  await page.goto(`${base}/console/`);
  await page.getByLabel("Enrollment code").fill(code);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/console/auth/enroll")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** Opens a console page by its URL and times it until its heading shows and nothing is loading. */
async function open(page, path, heading) {
  const start = performance.now();
  await page.goto(`${base}/console${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes("Loading…"));
  timings.push({ path, ms: Math.round(performance.now() - start) });
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function enrollApi(code) {
  const r = await api("POST", "/v1/auth/enroll", null, { code });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// Made by an employee of the lead's team through the API, for the lead to handle in the console.
let employee;
let setupAdmin;
let teamIds = {};

/** A fresh enrollment code for the user with this email, issued by the setup admin. */
async function codeFor(email) {
  const found = await api("GET", `/v1/admin/users?q=${encodeURIComponent(email)}`, setupAdmin);
  const user = found.body.items.find((u) => u.email === email);
  assert.ok(user, email);
  const r = await api("POST", `/v1/admin/users/${user.id}/enrollment-code`, setupAdmin);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.enrollment_code;
}

/** A new user and their code, made by the setup admin. */
async function newUser(name, role, team) {
  const email = `${name.toLowerCase().replaceAll(" ", ".")}@e2e.example`;
  const r = await api("POST", "/v1/admin/users", setupAdmin, { name, email, role, team_id: team ? teamIds[team] : null });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // The journeys read English; an earlier one makes Dutch the language for new people.
  const en = await api("PATCH", `/v1/admin/users/${r.body.user.id}`, setupAdmin, { locale: "en" });
  assert.equal(en.status, 200, JSON.stringify(en.body));
  return r.body.enrollment_code;
}
const suggestionTitle = "Hold the door for anyone carrying boxes";
const barrierText = "The scanner at till 2 keeps freezing";
const duplicateText = "Till 2's scanner froze again this morning";
let barrierId;
let duplicateReporter;
const storyText = "A customer with a pram could not reach the top shelf; I fetched the baby food for her.";

test("setup: an employee of Store Utrecht suggests a gesture and reports a barrier", async () => {
  setupAdmin = (await enrollApi(codes.admin)).access_token;
  for (const t of (await api("GET", "/v1/teams", setupAdmin)).body.items) teamIds[t.name] = t.id;
  codes.admin_ui = await newUser("Ada Browser", "admin");
  codes.admin_axe = await newUser("Axel Checker", "admin");
  codes.employee_ui = await newUser("Elif Yilmaz", "employee", "Store Amsterdam");
  employee = await enrollApi(codes.employee);
  const values = await api("GET", "/v1/me/today", employee.access_token);
  assert.equal(values.status, 200);
  const s = await api("POST", "/v1/suggestions", employee.access_token, {
    title: suggestionTitle,
    how_to: "When someone comes in with full hands, walk over and hold the door.",
    value_id: values.body.gesture.value.id,
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const b = await api("POST", "/v1/barriers", employee.access_token, { category: "tools", text: barrierText });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  barrierId = b.body.id;
  // A colleague reports the same thing again, for the lead to merge.
  duplicateReporter = await enrollApi(await newUser("Dirk Dubbel", "employee", "Store Utrecht"));
  const d = await api("POST", "/v1/barriers", duplicateReporter.access_token, { category: "tools", text: duplicateText });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  // A shared story for the lead to put in the spotlight.
  assert.equal(values.body.status, "open", JSON.stringify(values.body));
  const o = await api("POST", `/v1/me/assignments/${values.body.id}/outcome`, employee.access_token, {
    result: "done", story: storyText, share: true,
  });
  assert.equal(o.status, 201, JSON.stringify(o.body));
});

test("an employee who signs in is sent to the app", async () => {
  const page = await newPage();
  await signIn(page, codes.employee_ui);
  await page.getByRole("heading", { name: /^Hello / }).waitFor();
  await page.getByText("microact app on your phone").waitFor();
  assert.equal(await page.getByRole("link", { name: "Open the microact app" }).getAttribute("href"), "/app/");
  assert.equal(await page.getByRole("navigation").count(), 0);
  await axe(page, "employee page");
  await page.context().close();
});

test("a wrong code is refused with a message", async () => {
  const page = await newPage();
  await signIn(page, "AAAA-BBBB-CCCC");
  await page.getByRole("alert").getByText("unknown, used or expired").waitFor();
  await axe(page, "sign-in");
  await shot(page, "signin");
  await page.context().close();
});

test("an admin signs in, configures a challenge, imports people, hands out a code and exports", async () => {
  const page = await newPage();
  await signIn(page, codes.admin_ui);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

  // A reload keeps the session: the token is gone from memory, the HttpOnly cookie restores it.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

  // Organisation: shops work Saturdays.
  await open(page, "/org", "Organisation");
  await page.getByRole("group", { name: "Workdays for new people" }).getByLabel("Saturday").check();
  await page.getByLabel("Language for new people").selectOption("nl");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();
  await shot(page, "org");

  // A challenge for Store Utrecht, running from today for two weeks, with two gestures.
  await open(page, "/challenges", "Challenges");
  await page.getByRole("button", { name: "New challenge" }).click();
  const form = page.getByRole("form", { name: "New challenge" });
  await form.getByLabel("Name", { exact: true }).fill("Winter smiles");
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  await form.getByLabel("First day").fill(iso(today));
  await form.getByLabel("Last day").fill(iso(new Date(today.getTime() + 14 * 86400e3)));
  await form.getByLabel("Bonus points per gesture done").fill("7");
  await form.getByRole("group", { name: "Teams" }).getByLabel("Store Utrecht").check();
  const gestures = form.getByRole("group", { name: "Gestures" }).getByRole("checkbox");
  await gestures.nth(0).check();
  await gestures.nth(1).check();
  await form.getByRole("button", { name: "Save" }).click();
  const card = page.getByRole("article", { name: "Winter smiles" });
  await card.getByText("7 bonus points").waitFor();
  await card.getByRole("heading", { name: "Live board" }).waitFor();
  await shot(page, "challenges");

  // Values and gestures: the preview shows the card in Dutch as it is typed.
  await open(page, "/catalog", "Values and gestures");
  await page.getByRole("button", { name: "New gesture" }).click();
  const g = page.getByRole("form", { name: "New gesture" });
  await g.getByLabel("Gesture", { exact: true }).first().fill("Offer a bag for heavy items");
  await g.getByLabel("How to do it").first().fill("When a customer carries three or more items, offer a bag.");
  await g.getByRole("group", { name: "Dutch" }).getByLabel("Gesture").fill("Bied een tas aan bij zware spullen");
  await page.getByLabel("Language").last().selectOption("nl");
  await page.getByRole("article", { name: "Preview: today's card" }).getByText("Bied een tas aan bij zware spullen").waitFor();
  await shot(page, "catalog");
  // A bag is for the shop floor: a call centre never gets it.
  await g.getByRole("group", { name: "Channels" }).getByLabel("shop floor").check();
  await g.getByRole("button", { name: "Save" }).click();
  await page.getByRole("cell", { name: "Offer a bag for heavy items", exact: true }).waitFor();
  await page.getByRole("row", { name: /Offer a bag for heavy items/ }).getByText(/shop floor/).waitFor();
  const bag = (await api("GET", "/v1/admin/gestures?limit=100", setupAdmin)).body.items.find((x) => x.title === "Offer a bag for heavy items");
  assert.deepEqual(bag.channels, ["store"]);

  // CSV import as Excel saves it: semicolons, a byte-order mark, quotes; one bad line.
  await open(page, "/import", "Import people");
  const csv =
    "\uFEFFname;email;role;team\n" +
    '"Nina Nieuw";nina.nieuw@demo.example;employee;Store Utrecht\n' +
    "Bad Line;not-an-email;employee;Store Utrecht\n" +
    '"Lars Leider";lars.leider@demo.example;lead;"Store Rotterdam"\n';
  await page.getByLabel("CSV text").fill(csv);
  await page.getByLabel("Create teams that do not exist yet").check();
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview: nothing is written yet" });
  await preview.getByText("2 lines can be imported, 1 lines have a problem.").waitFor();
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "import-preview");
  // Nothing is written by the preview.
  assert.deepEqual((await api("GET", "/v1/admin/users?q=nina.nieuw", setupAdmin)).body.items, []);
  await page.getByRole("button", { name: "Import 2 people" }).click();
  await page.getByText("2 people created, 1 lines skipped.").waitFor();
  await page.getByRole("group", { name: "Enrollment code for nina.nieuw@demo.example" }).waitFor();

  // Hand out a code: text and QR code.
  await open(page, "/users", "People");
  await page.getByLabel("Search name or email").fill("Daan");
  await page.getByRole("cell", { name: "Daan Bakker", exact: true }).waitFor();
  await page.getByRole("button", { name: "New code for Daan Bakker" }).click();
  const code = page.getByRole("group", { name: "Enrollment code for Daan Bakker" });
  const text = await code.locator("code").innerText();
  assert.match(text, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await code.getByRole("img", { name: `QR code for the enrollment code ${text}` }).locator("svg").waitFor();
  await shot(page, "users-code");

  // Deactivate someone (after a confirmation): they leave the active list and show under Deactivated.
  await page.getByLabel("Search name or email").fill("Nina");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Deactivate Nina Nieuw" }).click();
  await page.getByRole("cell", { name: "Nina Nieuw", exact: true }).waitFor({ state: "detached" });
  await page.getByLabel("Status").selectOption("inactive");
  await page.getByRole("button", { name: "Reactivate Nina Nieuw" }).waitFor();
  const nina = (await api("GET", "/v1/admin/users?q=nina.nieuw&status=inactive", setupAdmin)).body.items;
  assert.equal(nina.length, 1);
  assert.equal(nina[0].active, false);

  // The lead of the new team is a lead of Store Rotterdam.
  await open(page, "/teams", "Teams");
  const row = page.getByRole("row", { name: /Store Rotterdam/ });
  await row.getByText("Lars Leider").waitFor();
  // A new shop gets its channel, so its people get the shop floor's gestures only.
  await row.getByRole("button", { name: "Edit Store Rotterdam" }).click();
  const teamForm = page.getByRole("form", { name: "Edit Store Rotterdam" });
  await teamForm.getByLabel("Channel").selectOption("store");
  await teamForm.getByRole("button", { name: "Save" }).click();
  await row.getByText("shop floor").waitFor();
  const rotterdam = (await api("GET", "/v1/admin/teams?limit=100", setupAdmin)).body.items.find((x) => x.name === "Store Rotterdam");
  assert.equal(rotterdam.channel, "store");
  await page.getByRole("link", { name: "Print codes of Store Amsterdam" }).click();
  await page.getByRole("heading", { level: 1, name: "Enrollment codes" }).waitFor();
  await page.getByRole("button", { name: "Issue codes" }).click();
  await page.getByRole("region", { name: "Code sheet" }).getByRole("group").first().waitFor();
  await shot(page, "code-sheet");
  // Printed, the sheet is the team's name and its cards: no navigation, no buttons.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByRole("navigation").isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Issue codes" }).isVisible(), false);
  assert.equal(await page.getByText("Store Amsterdam", { exact: true }).isVisible(), true);
  await shot(page, "code-sheet-print");
  await page.emulateMedia({ media: "screen" });

  // Export: a CSV download of the last month.
  await open(page, "/export", "Export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  const path = await download.path();
  assert.match(readFileSync(path, "utf8").split("\n")[0], /date/);

  // Switching to Dutch changes the console's language.
  await page.getByLabel("Language").first().selectOption("nl");
  await page.getByRole("heading", { level: 1, name: "Exporteren" }).waitFor();
  await page.getByLabel("Taal").first().selectOption("en");
  await page.context().close();
});

/**
 * The escalated barriers of a team as the admin's roll-up (GET /v1/teams) counts them, once there
 * are some. The demo's history holds barriers reported weeks ago that nobody acknowledged; the
 * server's escalator, on the real clock, sends them to the admins in its first pass after start
 * (and every minute after), so this waits for that pass rather than faking it.
 */
async function escalatedOf(team) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const r = await api("GET", "/v1/teams", setupAdmin);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const n = r.body.items.find((t) => t.name === team)?.escalated_barriers;
    if (n > 0) return n;
    assert.ok(Date.now() < deadline, `${team}: no escalated barrier after 90 s (${JSON.stringify(r.body.items)})`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

test("a lead reads the dashboard, resolves a barrier, reviews a suggestion and records today's gesture", async () => {
  const escalated = await escalatedOf("Store Utrecht");
  const page = await newPage();
  await signIn(page, codes.lead);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  await open(page, "/dashboard", "Dashboard");
  // Barriers nobody acknowledged in 3 workdays went to the admins: the dashboard flags them.
  const flag = page
    .getByRole("list", { name: "Key figures" })
    .getByRole("listitem")
    .filter({ hasText: "Barriers sent to the admins, waiting for a lead" });
  assert.equal(await flag.locator("strong").innerText(), String(escalated));
  assert.equal(await flag.getByRole("link").getAttribute("href"), "/console/barriers");
  assert.equal(await page.getByLabel("Team", { exact: true }).inputValue().then(Boolean), true);
  await page.getByRole("list", { name: "Key figures" }).getByText("Participation").waitFor();
  await page.getByRole("list", { name: "Key figures" }).getByText(/^last week: /).first().waitFor();
  await page.locator(".chart canvas").waitFor();
  await page.getByRole("heading", { name: "Customer reactions" }).waitFor();
  await page.getByRole("heading", { name: "Gestures done most" }).waitFor();
  await shot(page, "dashboard");
  await page.getByLabel("Last week").check();
  await page.getByRole("list", { name: "Key figures" }).waitFor();

  await open(page, "/boards", "Leaderboards");
  await page.getByRole("heading", { name: "All teams" }).waitFor();
  await page.getByLabel("This month").check();
  await shot(page, "boards");

  await open(page, "/barriers", "Barriers");
  // by its text, not by the merge choices of another barrier that name it
  const barrier = page.getByRole("article").filter({ has: page.locator("blockquote", { hasText: barrierText }) });
  await barrier.getByText("1 person").waitFor();
  // The escalated ones carry their badge; the barrier reported today does not.
  const badge = "Sent to the admins: nobody acknowledged it in 3 workdays";
  await page.getByRole("article").filter({ hasText: badge }).first().waitFor();
  assert.equal(await barrier.getByText(badge).count(), 0);
  // The duplicate goes into the first report: its reporter joins it, and the count says so.
  const duplicate = page.getByRole("article").filter({ has: page.locator("blockquote", { hasText: duplicateText }) });
  await duplicate.getByLabel("Same as").selectOption(barrierId);
  await duplicate.getByRole("button", { name: "Merge into it" }).click();
  await duplicate.waitFor({ state: "detached" });
  await barrier.getByText("2 people").waitFor();
  await barrier.getByRole("textbox").fill("A new scanner arrives on Thursday.");
  await barrier.getByRole("button", { name: "Resolve" }).click();
  await barrier.waitFor({ state: "detached" });
  const mine = await api("GET", "/v1/barriers?status=resolved", employee.access_token);
  const resolved = mine.body.items.find((b) => b.text === barrierText);
  assert.equal(resolved?.note, "A new scanner arrives on Thursday.");
  // The merged report's author hears of the resolution too.
  const told = await api("GET", "/v1/me/notifications", duplicateReporter.access_token);
  assert.ok(told.body.items.some((n) => n.kind === "barrier_update" && n.data.barrier_id === barrierId), JSON.stringify(told.body.items));

  await open(page, "/suggestions", "Suggestions");
  const suggestion = page.getByRole("article", { name: `Suggestion: ${suggestionTitle}` });
  await shot(page, "suggestions");
  await suggestion.getByRole("textbox").fill("Great idea, added for our store.");
  await suggestion.getByRole("button", { name: "Approve" }).click();
  await suggestion.waitFor({ state: "detached" });
  const inbox = await api("GET", "/v1/me/notifications", employee.access_token);
  const kinds = inbox.body.items.map((n) => n.kind);
  assert.ok(kinds.includes("barrier_update") && kinds.includes("suggestion_reviewed"), kinds.join(","));

  await open(page, "/stories", "Stories");
  const story = page.getByRole("listitem").filter({ hasText: storyText });
  await story.getByRole("button", { name: "Spotlight" }).click();
  await story.getByText("In the spotlight").waitFor();
  await shot(page, "stories");

  await open(page, "/today", "My gesture today");
  const record = page.getByRole("button", { name: "Record" });
  if (await record.count()) {
    await page.getByLabel("Delighted").check();
    await record.click();
  }
  await page.getByRole("status").getByText("Recorded").waitFor();

  // Signing out (in the account menu) ends the session: a reload shows the sign-in page.
  await page.locator("header summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Enrollment code").waitFor();
  await page.reload();
  await page.getByLabel("Enrollment code").waitFor();
  await page.context().close();
});

test("a lead of another team and an employee see no other team's data", async () => {
  const utrecht = { id: teamIds["Store Utrecht"] };
  assert.ok(utrecht.id);

  const other = await enrollApi(await codeFor("bram.mulder@demo.example"));
  const otherTeams = await api("GET", "/v1/teams", other.access_token);
  const visible = otherTeams.body.items.map((t) => t.name);
  assert.deepEqual(visible, ["Store Amsterdam"]);
  assert.equal((await api("GET", `/v1/teams/${utrecht.id}/dashboard`, other.access_token)).status, 403);
  assert.equal((await api("GET", `/v1/leaderboards/teams/${utrecht.id}`, other.access_token)).status, 403);
  const barriers = (await api("GET", "/v1/barriers", other.access_token)).body.items;
  assert.ok(barriers.every((b) => b.team?.name === "Store Amsterdam"), JSON.stringify(barriers.map((b) => b.team)));
  assert.equal((await api("GET", "/v1/admin/users", other.access_token)).status, 403);

  assert.equal((await api("GET", `/v1/teams/${utrecht.id}/dashboard`, employee.access_token)).status, 403);
  assert.equal((await api("GET", "/v1/admin/org", employee.access_token)).status, 403);
  const own = (await api("GET", "/v1/teams", employee.access_token)).body.items.map((t) => t.name);
  assert.deepEqual(own, ["Store Utrecht"]);

  // In the browser: the other lead's team picker and barriers hold only their own team.
  const page = await newPage();
  await signIn(page, await codeFor("bram.mulder@demo.example"));
  await open(page, "/dashboard", "Dashboard");
  const options = await page.getByLabel("Team", { exact: true }).locator("option").allInnerTexts();
  assert.deepEqual(options, ["Store Amsterdam"]);
  await open(page, "/barriers", "Barriers");
  assert.equal(await page.getByText(barrierText).count(), 0);
  await page.goto(`${base}/console/org`);
  await page.getByRole("heading", { level: 1, name: "Organisation" }).waitFor();
  await page.getByRole("alert").waitFor();
  assert.equal(await page.getByRole("link", { name: "Organisation" }).count(), 0);
  await page.context().close();
});

test("a refresh token used twice ends the console session", async () => {
  const page = await newPage();
  await signIn(page, await codeFor("lotte.de.vries@demo.example"));
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === "mx_console");
  assert.ok(cookie?.httpOnly && cookie.sameSite === "Strict" && cookie.path === "/console/auth", JSON.stringify(cookie));
  // Someone else presents the browser's refresh token first: it is rotated away from the browser.
  const stolen = await fetch(`${base}/console/auth/refresh`, {
    method: "POST",
    headers: { "X-Microact-Console": "1", Cookie: `mx_console=${cookie.value}` },
  });
  assert.equal(stolen.status, 200);
  // The browser's next refresh presents the old token: the whole family is revoked, and the
  // console shows the sign-in page.
  await page.reload();
  await page.getByLabel("Enrollment code").waitFor();
  await page.context().close();
});

test("every page passes axe with no serious or critical violation, under the console's CSP", async () => {
  const page = await newPage();
  await page.goto(`${base}/console/`);
  await page.getByLabel("Enrollment code").waitFor();
  await axe(page, "/ (sign-in)");
  await signIn(page, codes.admin_axe);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  const pages = [
    [`/teams/${teamIds["Store Amsterdam"]}/codes`, "Enrollment codes"],
    ["/dashboard", "Dashboard"],
    ["/boards", "Leaderboards"],
    ["/stories", "Stories"],
    ["/barriers", "Barriers"],
    ["/suggestions", "Suggestions"],
    ["/today", "My gesture today"],
    ["/org", "Organisation"],
    ["/catalog", "Values and gestures"],
    ["/challenges", "Challenges"],
    ["/teams", "Teams"],
    ["/users", "People"],
    ["/import", "Import people"],
    ["/export", "Export"],
  ];
  for (const [path, heading] of pages) {
    await open(page, path, heading);
    await axe(page, path);
  }
  await open(page, "/catalog", "Values and gestures");
  await page.getByRole("button", { name: "New gesture" }).click();
  await axe(page, "/catalog (gesture form)");
  await page.context().close();
  assert.deepEqual(cspViolations, []);
});

test("a customer scans a team's code on a phone, answers 10 with a comment, the lead reads it on the dashboard, and an employee quotes it in a story", async () => {
  const leadCode = await newUser("Nora Feedback", "lead");
  const lead = await enrollApi(leadCode);
  const teamId = teamIds["Store Amsterdam"];
  const team = await api("GET", `/v1/admin/teams/${teamId}`, setupAdmin);
  const patched = await api("PATCH", `/v1/admin/teams/${teamId}`, setupAdmin, { lead_ids: [...team.body.lead_ids, lead.user.id] });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const link = await api("GET", `/v1/teams/${teamId}/feedback-link`, lead.access_token);
  assert.equal(link.status, 200, JSON.stringify(link.body));

  // The customer's phone: no account, no script on the page.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" });
  const customer = await phone.newPage();
  const answer = await customer.goto(link.body.url);
  assert.ok((await answer.body()).length <= 30 * 1024);
  assert.equal(await customer.locator("script").count(), 0);
  await customer.getByRole("radio", { name: "10", exact: true }).check();
  const comment = "Anna found the right size for my son in two minutes";
  await customer.getByLabel("What made the difference?").fill(`${comment}, call me on 06 1234 5678`);
  await customer.getByRole("button", { name: "Send" }).click();
  await customer.getByRole("heading", { name: "Thank you!" }).waitFor();
  await customer.goto(link.body.url);
  await customer.getByText("You have already answered today.").waitFor();
  await phone.close();

  const page = await newPage();
  await signIn(page, await codeFor("nora.feedback@e2e.example"));
  await open(page, "/dashboard", "Dashboard");
  await page.getByRole("heading", { name: "What customers said" }).waitFor();
  await page.getByText(`“${comment}, call me on […]”`).waitFor();
  await page.getByRole("heading", { name: "Feedback code for the counter" }).waitFor();
  await page.getByRole("img", { name: "QR code of the team's feedback page" }).waitFor();
  await shot(page, "customer-feedback");

  // An employee of the team shares today's story in the app and quotes the customer's words;
  // colleagues read the quote on the story card, the lead in the console.
  const app = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB" });
  const quinn = await app.newPage();
  quinn.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(`${quinn.url()}: ${m.text()}`);
  });
  await quinn.goto(`${base}/app/`);
  await quinn.getByLabel("Enrollment code").fill(await newUser("Quinn Quote", "employee", "Store Amsterdam"));
  await quinn.getByRole("button", { name: "Sign in" }).click();
  await quinn.getByRole("heading", { level: 2, name: "How did it go?" }).waitFor();
  await quinn.getByRole("radio", { name: "Done" }).check();
  const told = "A boy had outgrown his shoes overnight; we measured both feet and found a pair.";
  await quinn.getByLabel("Your story (optional)").fill(told);
  await quinn.getByRole("checkbox", { name: "Share my story with colleagues" }).check();
  const quote = quinn.getByRole("group", { name: "Quote a customer of today (optional)" });
  await quote.getByRole("radio", { name: /Anna found the right size/ }).check();
  await quinn.getByRole("button", { name: "Record" }).click();
  await quinn.getByRole("status").filter({ hasText: /points?!/ }).waitFor();
  await quinn.getByRole("link", { name: /Team/ }).click();
  const card = quinn.getByRole("listitem").filter({ hasText: told });
  await card.getByText(`${comment}, call me on […]`).waitFor();
  await card.getByText(/A customer gave 10 out of 10/).waitFor();
  await app.close();

  await open(page, "/stories", "Stories");
  await page.getByRole("radio", { name: "The whole organisation" }).check();
  const shared = page.getByRole("article", { name: "Story by Quinn Quote" });
  await shared.getByText(`${comment}, call me on […]`).waitFor();
  await shared.getByText(/A customer of the same day gave 10 out of 10/).waitFor();
  await page.context().close();
});

// The break-room screen (/tv/) on a 1920×1080 TV: a display link made for Store Utrecht shows a
// story shared a moment ago within 5 s, without a reload, and says so once the link is revoked.
test("a display link made in the console shows a new story within 5 s and stops working once revoked", async () => {
  const admin = await newPage();
  await signIn(admin, await newUser("Dina Display", "admin"));
  await open(admin, "/displays", "Break-room screens");
  await admin.getByLabel("Team").selectOption({ label: "Store Utrecht" });
  await admin.getByRole("button", { name: "Make a link" }).click();
  const link = admin.getByLabel("Screen link", { exact: true });
  await link.waitFor();
  const url = (await link.inputValue()).replace(/^https?:\/\/[^/]+/, base);
  await admin.getByRole("row").filter({ hasText: "Store Utrecht" }).waitFor();
  await axe(admin, "/displays");

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "en-GB" });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: "This week's board" }).waitFor();
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  await axe(page, "/tv/ (board)");

  const teller = await enrollApi(await newUser("Tess Screen", "employee", "Store Utrecht"));
  const today = await api("GET", "/v1/me/today", teller.access_token);
  assert.equal(today.status, 200, JSON.stringify(today.body));
  const text = "A regular forgot her glasses; I read the labels of three teas aloud with her.";
  const o = await api("POST", `/v1/me/assignments/${today.body.id}/outcome`, teller.access_token, { result: "done", story: text, share: true });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  const shared = Date.now();
  await page.getByRole("contentinfo").filter({ hasText: text }).waitFor({ timeout: 5000 });
  assert.ok(Date.now() - shared <= 5000, "the story took longer than 5 s");
  await axe(page, "/tv/ (with a new story)");
  await shot(page, "tv");
  assert.deepEqual(cspViolations, []);

  await shot(admin, "displays");
  admin.once("dialog", (d) => void d.accept());
  await admin.getByRole("button", { name: "Revoke the link of Store Utrecht" }).first().click();
  await page.getByRole("heading", { name: "This display link no longer works" }).waitFor({ timeout: 5000 });
  const direct = await fetch(`${base}/v1/display`, { headers: { Authorization: `Bearer ${url.split("#")[1]}` } });
  assert.equal(direct.status, 401);
  await context.close();
});

// Issue 23's calendars and retention: what an admin sets in the form is what is stored, an error
// answer leaves what they typed in place, and a saved form shows the stored values.
test("an admin enables the org's languages and sets how long stories and barriers are kept; an error keeps what was typed, and the catalogue asks for the enabled languages", async () => {
  const page = await newPage();
  await signIn(page, await newUser("Olga Settings", "admin"));
  await open(page, "/org", "Organisation");
  const languages = page.getByRole("group", { name: "Languages of the org's content" });
  for (const l of ["English", "Nederlands", "Deutsch", "Français"]) await languages.getByLabel(l).waitFor();
  await languages.getByLabel("Français").uncheck();
  await page.getByLabel("Keep shared stories for (days)").fill("90");
  await page.getByLabel("Keep barriers for (days)").fill("180");
  await page.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alert").waitFor();
  // The refusal changed nothing, and the form still holds what was typed.
  assert.equal((await api("GET", "/v1/admin/org", setupAdmin)).body.story_retention_days, null);
  assert.equal(await page.getByLabel("Time zone").inputValue(), "Mars/Olympus_Mons");
  assert.equal(await page.getByLabel("Keep shared stories for (days)").inputValue(), "90");
  assert.equal(await languages.getByLabel("Français").isChecked(), false);

  await page.getByLabel("Time zone").fill("Europe/Amsterdam");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();
  let org = (await api("GET", "/v1/admin/org", setupAdmin)).body;
  assert.equal(org.story_retention_days, 90);
  assert.equal(org.barrier_retention_days, 180);
  assert.deepEqual([...org.locales].sort(), ["de", "en", "nl"]);
  assert.equal(await page.getByLabel("Keep barriers for (days)").inputValue(), "180");
  await axe(page, "/org (saved)");

  // A person can be given only an enabled language.
  await open(page, "/users", "People");
  await page.getByLabel("Search name or email").fill("Olga");
  await page.getByRole("button", { name: "Edit Olga Settings" }).click();
  const form = page.getByRole("form", { name: "Edit Olga Settings" });
  const offered = await form.getByLabel("Language").locator("option").allInnerTexts();
  assert.deepEqual(offered.sort(), ["Deutsch", "English", "Nederlands"]);
  await form.getByRole("button", { name: "Cancel" }).click();
  // A gesture's texts are written in the enabled languages.
  await open(page, "/catalog", "Values and gestures");
  await page.getByRole("button", { name: "New gesture" }).click();
  const gesture = page.getByRole("form", { name: "New gesture" });
  await gesture.getByRole("group", { name: "German" }).getByLabel("Gesture").waitFor();
  assert.equal(await gesture.getByRole("group", { name: "French" }).count(), 0);
  await gesture.getByRole("button", { name: "Cancel" }).click();

  // Back as it was: French enabled, stories and barriers kept (an empty field is "keep them").
  await open(page, "/org", "Organisation");
  await languages.getByLabel("Français").check();
  await page.getByLabel("Keep shared stories for (days)").fill("");
  await page.getByLabel("Keep barriers for (days)").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").getByText("Saved.").waitFor();
  org = (await api("GET", "/v1/admin/org", setupAdmin)).body;
  assert.equal(org.story_retention_days, null);
  assert.equal(org.barrier_retention_days, null);
  assert.equal(org.locales.length, 4);
  await page.context().close();
});

// Issue 23's privacy: an admin changes a person's calendar, then erases them for good after
// reading what goes and what stays and typing their name; the person's story leaves the feeds.
test("an admin gives a person German, Berlin time and Saturdays, then erases them after typing their name", async () => {
  const erinCode = await newUser("Erin Erase", "employee", "Store Utrecht");
  const erin = await enrollApi(erinCode);
  const today = await api("GET", "/v1/me/today", erin.access_token);
  const text = "Erin carried a crate of water to a customer's car.";
  const o = await api("POST", `/v1/me/assignments/${today.body.id}/outcome`, erin.access_token, { result: "done", story: text, share: true });
  assert.equal(o.status, 201, JSON.stringify(o.body));

  const page = await newPage();
  await signIn(page, await newUser("Egon Eraser", "admin"));
  await open(page, "/users", "People");
  await page.getByLabel("Search name or email").fill("Erin");
  await page.getByRole("button", { name: "Edit Erin Erase" }).click();
  const form = page.getByRole("form", { name: "Edit Erin Erase" });
  await form.getByLabel("Language").selectOption("de");
  await form.getByLabel("Time zone").fill("Europe/Berlin");
  await form.getByRole("group", { name: "Workdays" }).getByLabel("Saturday").check();
  await form.getByRole("button", { name: "Save" }).click();
  await form.waitFor({ state: "detached" });
  const stored = (await api("GET", `/v1/admin/users/${erin.user.id}`, setupAdmin)).body;
  assert.equal(stored.locale, "de");
  assert.equal(stored.timezone, "Europe/Berlin");
  assert.deepEqual(stored.workdays, [1, 2, 3, 4, 5, 6]);

  await page.getByRole("button", { name: "Erase Erin Erase" }).click();
  const erase = page.getByRole("form", { name: "Erase Erin Erase for good" });
  await erase.getByRole("heading", { name: "What stays" }).waitFor();
  const confirm = erase.getByRole("button", { name: "Erase for good" });
  assert.equal(await confirm.isDisabled(), true);
  await erase.getByLabel("Type Erin Erase to confirm").fill("Erin");
  assert.equal(await confirm.isDisabled(), true);
  await axe(page, "/users (erase)");
  await shot(page, "users-erase");
  await erase.getByLabel("Type Erin Erase to confirm").fill("Erin Erase");
  await confirm.click();
  await page.getByRole("status").getByText("Erin Erase is erased.").waitFor();
  await page.getByRole("cell", { name: "Erin Erase", exact: true }).waitFor({ state: "detached" });
  assert.equal((await api("GET", `/v1/admin/users/${erin.user.id}`, setupAdmin)).status, 404);
  const feed = await api("GET", "/v1/stories?scope=org&limit=100", setupAdmin);
  assert.ok(!JSON.stringify(feed.body).includes(text), "the erased person's story is still in the feed");
  await page.context().close();
});

// Issue 23's right of access, from the console's account menu.
test("a lead downloads everything stored about them from the account menu", async () => {
  const page = await newPage();
  const code = await newUser("Dora Data", "lead");
  await signIn(page, code);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  await page.locator("header summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my data" }).click()]);
  assert.match(download.suggestedFilename(), /^microact-.+\.json$/);
  const data = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(data.profile.name, "Dora Data");
  assert.ok(Array.isArray(data.assignments));
  await page.getByRole("status").getByText("Your data is saved as a JSON file.").waitFor();
  await page.context().close();
});
