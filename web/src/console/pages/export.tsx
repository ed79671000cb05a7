// Every outcome of a range of days as a CSV or JSON-lines download (streamed by the server).
import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { t } from "../i18n";
import { ErrorNote, Page, fields, useAction } from "../ui";

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export default function ExportPage() {
  const action = useAction();
  const [saved, setSaved] = useState("");
  const now = new Date();
  const monthAgo = new Date(now.getFullYear(), now.getMonth() - 1, now.getDate());
  async function submit(e: Event) {
    e.preventDefault();
    setSaved("");
    const f = fields(e.currentTarget as HTMLFormElement);
    const format = f.format === "jsonl" ? "jsonl" : "csv";
    const from = f.from ?? "";
    const to = f.to ?? "";
    const blob = await action.run(() => api.GET("/v1/admin/export/outcomes", { params: { query: { from, to, format } }, parseAs: "blob" }));
    if (!blob) return;
    const name = `outcomes-${from}-${to}.${format}`;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setSaved(name);
  }
  return (
    <Page title="nav.export">
      <p>{t("export.intro")}</p>
      <form class="stack form" onSubmit={submit}>
        <div class="grid2">
          <label>
            {t("export.from")}
            <input name="from" type="date" required value={isoDay(monthAgo)} />
          </label>
          <label>
            {t("export.to")}
            <input name="to" type="date" required value={isoDay(now)} />
          </label>
        </div>
        <fieldset class="choice">
          <legend>{t("export.format")}</legend>
          <label>
            <input type="radio" name="format" value="csv" checked /> CSV
          </label>
          <label>
            <input type="radio" name="format" value="jsonl" /> JSON lines
          </label>
        </fieldset>
        <ErrorNote error={action.error} />
        {saved && (
          <p class="note" role="status">
            {t("export.saved", { name: saved })}
          </p>
        )}
        <button type="submit" disabled={action.busy}>
          {t("export.download")}
        </button>
      </form>
    </Page>
  );
}
