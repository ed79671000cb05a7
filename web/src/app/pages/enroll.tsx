// Enrollment: type the code an admin handed out, or scan the QR code of the console's code sheet
// with the camera (the scanner is loaded only when asked for, so the first load stays small).
import { useState } from "preact/hooks";
import { lazy, Suspense } from "preact/compat";
import { t } from "../i18n";
import { enroll } from "../session";
import { ErrorNote, explain } from "../ui";

const Scanner = lazy(() => import("../scan"));

/** The code in what a QR code holds (microact://enroll?code=…), or the text itself. */
export function codeFrom(text: string): string {
  try {
    const url = new URL(text);
    const code = url.searchParams.get("code");
    if (code) return code;
  } catch {
    // not a link: the code as it is
  }
  return text.trim();
}

export function Enroll(props: { expired: boolean }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get("code") ?? "");
  async function signIn(value: string) {
    setBusy(true);
    setError(undefined);
    try {
      const problem = await enroll(value);
      if (problem) setError(problem.status === 401 ? t("enroll.invalid") : explain(problem));
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" class="enroll">
      <p class="logo" aria-hidden="true">
        <img src="/app/icon.svg" alt="" width={72} height={72} />
      </p>
      <h1>{t("enroll.title")}</h1>
      <p>{t("enroll.intro")}</p>
      {props.expired && <p class="note">{t("enroll.expired")}</p>}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void signIn(code);
        }}
      >
        <label for="code">{t("enroll.code")}</label>
        <input
          id="code"
          name="code"
          required
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          autocomplete="one-time-code"
          autocapitalize="characters"
          spellcheck={false}
          placeholder="ABCD-EFGH-JKLM"
        />
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t("enroll.submit")}
        </button>
      </form>
      <p class="or">{t("enroll.or")}</p>
      {scanning ? (
        <Suspense fallback={<p class="muted">{t("loading")}</p>}>
          <Scanner
            onCode={(text) => {
              setScanning(false);
              const c = codeFrom(text);
              setCode(c);
              void signIn(c);
            }}
            onClose={() => setScanning(false)}
          />
        </Suspense>
      ) : (
        <button type="button" class="secondary wide" onClick={() => setScanning(true)}>
          {t("enroll.scan")}
        </button>
      )}
    </main>
  );
}
