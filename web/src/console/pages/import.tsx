// Importing people from a spreadsheet: first a preview of what every line would do (nothing is
// written), then the import itself. Excel's CSV (semicolons, a byte-order mark, quoted fields) is
// read as it is saved; a `lead` line makes that person a lead of their team.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { t, type Key } from "../i18n";
import { CodeCard } from "../qr";
import { ErrorNote, Page, useAction } from "../ui";

type Result = Schemas["ImportResult"];

const csvHeaders = { "Content-Type": "text/csv" } as const;

export default function ImportPage() {
  const [text, setText] = useState("");
  const [createTeams, setCreateTeams] = useState(false);
  const [preview, setPreview] = useState<Result | null>(null);
  const [imported, setImported] = useState<Result | null>(null);
  const action = useAction();
  function send(dryRun: boolean) {
    return action.run(() =>
      api.POST("/v1/admin/users/import", {
        params: { query: { dry_run: dryRun, create_teams: createTeams } },
        headers: csvHeaders,
        body: text,
        bodySerializer: (b: string) => b,
      }),
    );
  }
  async function readFile(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setText(await file.text());
    setPreview(null);
    setImported(null);
  }
  async function runPreview(e: Event) {
    e.preventDefault();
    setImported(null);
    setPreview((await send(true)) ?? null);
  }
  async function runImport() {
    const done = await send(false);
    if (done) {
      setImported(done);
      setPreview(null);
    }
  }
  return (
    <Page title="nav.import">
      <p>{t("import.intro")}</p>
      <pre class="example">name,email,role,team{"\n"}Sanne Jansen,sanne@example.com,employee,Store Utrecht{"\n"}Lotte de Vries,lotte@example.com,lead,Store Utrecht</pre>
      <form class="stack form" onSubmit={runPreview}>
        <label for="csv-file">{t("import.file")}</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={readFile} />
        <label for="csv-text">{t("import.text")}</label>
        <textarea
          id="csv-text"
          rows={8}
          required
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setPreview(null);
          }}
        />
        <label class="check">
          <input type="checkbox" checked={createTeams} onChange={(e) => setCreateTeams(e.currentTarget.checked)} /> {t("import.create_teams")}
        </label>
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy || !text.trim()}>
          {t("import.preview")}
        </button>
      </form>
      {preview && (
        <section class="card" aria-labelledby="preview-title" role="region">
          <h2 id="preview-title">{t("import.preview_title")}</h2>
          <p role="status">{t("import.preview_summary", { ok: preview.created.length, bad: preview.errors.length })}</p>
          <Lines result={preview} />
          <div class="row">
            <button type="button" disabled={action.busy || preview.created.length === 0} onClick={() => void runImport()}>
              {t("import.run", { n: preview.created.length })}
            </button>
          </div>
        </section>
      )}
      {imported && (
        <section class="card" aria-labelledby="imported-title">
          <h2 id="imported-title">{t("import.done_title")}</h2>
          <p role="status">{t("import.done_summary", { ok: imported.created.length, bad: imported.errors.length })}</p>
          <Lines result={imported} />
          <div class="sheet">
            {imported.created.map((c) => c.enrollment_code && <CodeCard name={c.email} code={c.enrollment_code} />)}
          </div>
        </section>
      )}
    </Page>
  );
}

/** Every line of the file with what it does (or would do), in the file's order. */
function Lines(props: { result: Result }) {
  const r = props.result;
  const rows = [
    ...r.created.map((c) => ({ line: c.line, email: c.email, error: "" })),
    ...r.errors.map((e) => ({ line: e.line, email: "", error: e.message })),
  ].sort((a, b) => a.line - b.line);
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("import.line")}</th>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("import.result")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr class={l.error ? "bad" : undefined}>
              <td>{l.line}</td>
              <td>{l.email}</td>
              <td>{l.error ? <span class="error-text">{l.error}</span> : t(r.dry_run ? "import.action.create" : "import.action.created")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.teams_created.length > 0 && (
        <p>{t(r.dry_run ? "import.teams_new" : "import.teams_created", { names: r.teams_created.map((x) => (x.channel ? `${x.name} (${t(`channel.${x.channel}` as Key)})` : x.name)).join(", ") })}</p>
      )}
    </>
  );
}
