import { useState } from "preact/hooks";
import { problemText } from "../../api/client";
import { t } from "../i18n";
import { enroll } from "../session";
import { ErrorNote } from "../ui";

/** Sign-in with an enrollment code, as on a phone; an admin hands these out (or `microact user code`). */
export function SignIn(props: { expired: boolean }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const code = new FormData(e.currentTarget as HTMLFormElement).get("code");
    setBusy(true);
    setError(undefined);
    try {
      const problem = await enroll(String(code ?? ""));
      if (problem) setError(problem.status === 401 ? t("signin.invalid") : problemText(problem));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <h1>{t("signin.title")}</h1>
      <p>{t("signin.intro")}</p>
      {props.expired && <p class="note">{t("signin.expired")}</p>}
      <form onSubmit={submit} class="stack">
        <label for="code">{t("signin.code")}</label>
        <input id="code" name="code" required autocomplete="one-time-code" spellcheck={false} placeholder="ABCD-EFGH-JKLM" />
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t("signin.submit")}
        </button>
      </form>
    </>
  );
}
