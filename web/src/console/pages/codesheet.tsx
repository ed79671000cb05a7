// A printable sheet of a team's enrollment codes for the store's first morning: one card per person
// with their code as text and as a QR code. Issuing a new code replaces the person's previous one.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { api } from "../../api/client";
import { t } from "../i18n";
import { CodeCard } from "../qr";
import { ErrorNote, Loading, Page, everyPage, useAction, useApi } from "../ui";

type Issued = { id: string; name: string; code: string; expires_at: string };

export default function CodeSheetPage() {
  const { params } = useRoute();
  const teamId = params.id ?? "";
  const team = useApi(() => api.GET("/v1/admin/teams/{team_id}", { params: { path: { team_id: teamId } } }), [teamId]);
  const users = useApi(
    () => everyPage((cursor) => api.GET("/v1/admin/users", { params: { query: { team_id: teamId, status: "active", limit: 100, cursor } } })),
    [teamId],
  );
  const [onlyNew, setOnlyNew] = useState(true);
  const [issued, setIssued] = useState<Issued[]>([]);
  const action = useAction();
  const people = (users.data?.items ?? []).filter((u) => !onlyNew || !u.enrolled);
  async function issue() {
    const out: Issued[] = [];
    for (const u of people) {
      const code = await action.run(() => api.POST("/v1/admin/users/{user_id}/enrollment-code", { params: { path: { user_id: u.id } } }));
      if (!code) break;
      out.push({ id: u.id, name: u.name, code: code.enrollment_code, expires_at: code.expires_at });
    }
    setIssued(out);
  }
  return (
    <Page title="codes.title">
      <Loading loaded={team} />
      <Loading loaded={users} />
      {team.data && users.data && (
        <>
          <p class="print-title">
            <strong>{team.data.name}</strong>
          </p>
          <div class="no-print stack">
            <p>{t("codes.intro")}</p>
            <label class="check">
              <input type="checkbox" checked={onlyNew} onChange={(e) => setOnlyNew(e.currentTarget.checked)} /> {t("codes.only_new")}
            </label>
            <p>{t("codes.count", { n: people.length })}</p>
            <ErrorNote error={action.error} />
            <div class="row">
              <button type="button" disabled={action.busy || people.length === 0} onClick={() => void issue()}>
                {t("codes.issue")}
              </button>
              {issued.length > 0 && (
                <button type="button" class="secondary" onClick={() => window.print()}>
                  {t("codes.print")}
                </button>
              )}
            </div>
          </div>
          {issued.length > 0 && (
            <div class="sheet" aria-label={t("codes.sheet")} role="region">
              {issued.map((i) => (
                <CodeCard name={i.name} code={i.code} expiresAt={i.expires_at} />
              ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
