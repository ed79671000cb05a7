// Generates the TypeScript types of the API (src/api/schema.d.ts) from ../handlers/openapi.yaml
// with openapi-typescript, as a client generator would with its default options, and checks
// that every example of the document fits those types under `tsc --strict`: the examples of
// request bodies, responses and parameters, by operation (each line of a line-delimited one that
// names its x-itemSchema), and the example of every named schema.
//
//   node scripts/check-examples.mjs             fails if schema.d.ts is stale or an example does not fit
//   node scripts/check-examples.mjs --generate  writes schema.d.ts first, then checks
//
// An example is assigned to its type as a fresh object literal, so a missing required field, a
// field the type does not have and a value of the wrong type are all errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import yaml from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = resolve(web, "../handlers/openapi.yaml");
const typesPath = join(web, "src/api/schema.d.ts");
const generate = process.argv.includes("--generate");

const header = `// Generated from handlers/openapi.yaml by openapi-typescript: do not edit.
// Regenerate with \`npm run gen:api\` in web/ after changing the document.

`;

function fail(message) {
  console.error(`check-examples: ${message}`);
  process.exit(1);
}

// 1. The types, with openapi-typescript's default options.
const ast = await openapiTS(pathToFileURL(specPath));
const types = header + astToString(ast);
let current = null;
try {
  current = readFileSync(typesPath, "utf8");
} catch {
  // missing: written below, or reported as stale
}
if (current !== types) {
  if (!generate) {
    fail(`${relative(process.cwd(), typesPath)} does not match handlers/openapi.yaml: run \`npm run gen:api\` in web/ and commit it`);
  }
  mkdirSync(dirname(typesPath), { recursive: true });
  writeFileSync(typesPath, types);
  console.log(`wrote ${relative(process.cwd(), typesPath)}`);
}

// 2. The examples, each assigned to its type.
// YAML 1.2 core: an unquoted 2026-11-23 stays a string, as it does for the server.
const doc = yaml.load(readFileSync(specPath, "utf8"), { schema: yaml.CORE_SCHEMA });

// deref follows a local $ref ("#/components/…") to the object it names.
function deref(node) {
  const seen = new Set();
  while (node && typeof node === "object" && typeof node.$ref === "string") {
    if (seen.has(node.$ref) || !node.$ref.startsWith("#/")) {
      fail(`cannot follow $ref ${node.$ref}`);
    }
    seen.add(node.$ref);
    node = node.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((at, part) => at?.[part], doc);
    if (node === undefined) {
      fail(`dangling $ref ${[...seen].pop()}`);
    }
  }
  return node;
}

// examplesOf lists the example values of a media type or parameter, by name.
function examplesOf(holder) {
  const out = [];
  if (holder.example !== undefined) {
    out.push(["example", holder.example]);
  }
  for (const [name, ex] of Object.entries(holder.examples ?? {})) {
    const value = deref(ex).value;
    if (value !== undefined) {
      out.push([name, value]);
    }
  }
  return out;
}

const q = JSON.stringify;
const checks = []; // { label, type, value }
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of methods) {
    const op = item[method];
    if (!op) continue;
    const where = `${method.toUpperCase()} ${path}`;
    if (!op.operationId) fail(`${where} has no operationId`);
    const opType = `operations[${q(op.operationId)}]`;

    for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) {
      const type = `NonNullable<${opType}["parameters"][${q(param.in)}]>[${q(param.name)}]`;
      for (const [name, value] of examplesOf(param)) {
        checks.push({ label: `${where} ${param.in} parameter ${param.name}, ${name}`, type, value });
      }
    }

    if (op.requestBody) {
      for (const [media, content] of Object.entries(deref(op.requestBody).content ?? {})) {
        const type = `NonNullable<${opType}["requestBody"]>["content"][${q(media)}]`;
        for (const [name, value] of examplesOf(content)) {
          checks.push({ label: `${where} request ${media}, ${name}`, type, value });
        }
      }
    }

    for (const [status, response] of Object.entries(op.responses ?? {})) {
      for (const [media, content] of Object.entries(deref(response).content ?? {})) {
        const type = `${opType}["responses"][${q(status)}]["content"][${q(media)}]`;
        for (const [name, value] of examplesOf(content)) {
          checks.push({ label: `${where} ${status} ${media}, ${name}`, type, value });
          // A line-delimited body (x-itemSchema, OpenAPI 3.2's itemSchema): each line is one item.
          const item = content["x-itemSchema"]?.$ref?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
          if (item && typeof value === "string") {
            value.split("\n").forEach((line, i) => {
              if (line === "") return;
              let parsed;
              try {
                parsed = JSON.parse(line);
              } catch (err) {
                fail(`${where} ${status} ${media}, ${name}: line ${i + 1} is not JSON: ${err.message}`);
              }
              checks.push({ label: `${where} ${status} ${media}, ${name}, line ${i + 1}`, type: `components["schemas"][${q(item)}]`, value: parsed });
            });
          }
        }
      }
    }
  }
}

for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
  const type = `components["schemas"][${q(name)}]`;
  if (schema.example !== undefined) {
    checks.push({ label: `schema ${name}, example`, type, value: schema.example });
  }
  (schema.examples ?? []).forEach((value, i) => {
    checks.push({ label: `schema ${name}, examples[${i}]`, type, value });
  });
}

if (checks.length === 0) fail("the document has no examples");

const dir = mkdtempSync(join(tmpdir(), "microact-examples-"));
const file = join(dir, "examples.ts");
const lines = [`import type { components, operations } from ${q(typesPath.replace(/\.d\.ts$/, ""))};`];
const labelAt = new Map(); // line number (0-based) of a check's first line -> label
for (const [i, { label, type, value }] of checks.entries()) {
  labelAt.set(lines.length, label);
  lines.push(...`export const example${i}: ${type} = ${JSON.stringify(value, null, 2)};`.split("\n"));
}
writeFileSync(file, lines.join("\n") + "\n");

const program = ts.createProgram([file], {
  noEmit: true,
  strict: true,
  exactOptionalPropertyTypes: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: false,
  types: [],
});
const diagnostics = ts.getPreEmitDiagnostics(program);

// labelFor names the example a line of the generated file belongs to.
const starts = [...labelAt.keys()].sort((a, b) => a - b);
function labelFor(line) {
  let label = "the generated types";
  for (const start of starts) {
    if (start > line) break;
    label = labelAt.get(start);
  }
  return label;
}

if (diagnostics.length > 0) {
  for (const d of diagnostics) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
    if (d.file && d.file.fileName === file && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      console.error(`${labelFor(line)}:\n  ${text}`);
    } else if (d.file && d.start !== undefined) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      console.error(`${d.file.fileName}:${line + 1}:\n  ${text}`);
    } else {
      console.error(text);
    }
  }
  console.error(`(checked in ${file})`);
  fail(`${diagnostics.length} error(s): an example of handlers/openapi.yaml does not fit its type`);
}
rmSync(dir, { recursive: true, force: true });
console.log(`check-examples: ${checks.length} examples of handlers/openapi.yaml fit the generated TypeScript types`);
