// The app's own building blocks; the ones every face shares come from ../shared/ui.tsx, in the
// app's words.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { ErrorNote, explainErrorsIn } from "../shared/ui";
import { t, type Key } from "./i18n";

export { ErrorNote, checkedValues, explain, fields, useAction, useApi, type Loaded } from "../shared/ui";

explainErrorsIn(() => t("offline.error"));

export function Page(props: { title: Key; children: ComponentChildren }) {
  const title = t(props.title);
  useEffect(() => {
    document.title = `${title} · microact`;
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {props.children}
    </section>
  );
}

export function Loading(props: { loaded: { loading: boolean; error?: string; data?: unknown } }) {
  if (props.loaded.error) return <ErrorNote error={props.loaded.error} />;
  if (props.loaded.loading && props.loaded.data === undefined) return <p class="muted" aria-live="polite">{t("loading")}</p>;
  return null;
}

