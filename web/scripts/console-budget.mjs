// The first-load budget of a built face (the console, the app, the screen): the JavaScript index.html loads
// before anything else (its module script and the chunks it preloads), gzip-compressed, must stay
// within 150 KB. The face is served at /<folder name>/.
//   node scripts/console-budget.mjs dist/console
//   node scripts/console-budget.mjs dist/app
//   node scripts/console-budget.mjs dist/tv
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "dist/console";
const budget = 150 * 1024;
const face = basename(dir);
const html = readFileSync(join(dir, "index.html"), "utf8");
const urls = [...html.matchAll(new RegExp(String.raw`<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/${face}\/([^"]+\.js)"`, "g"))].map((m) => m[1]);
if (urls.length === 0) {
  console.error(`console-budget: ${face}/index.html loads no script`);
  process.exit(1);
}
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const first = urls.reduce((sum, f) => sum + gz(f), 0);
const all = readdirSync(join(dir, "assets")).filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gz(join("assets", f)), 0);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`${face}: first load ${kb(first)} KB of gzip JavaScript (${urls.length} files; budget ${kb(budget)} KB); all pages ${kb(all)} KB`);
if (first > budget) {
  console.error(`console-budget: the first load is over budget by ${kb(first - budget)} KB`);
  process.exit(1);
}
