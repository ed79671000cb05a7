// The org's settings: the locales its content comes in, the defaults new users start with
// (language and workdays: shops work Saturdays), points, and how long history, shared stories
// and barriers are kept.
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { t, type Key } from "../i18n";
import { localeNames, locales, type Locale } from "../../shared/locales";
import { ErrorNote, Loading, Page, checkedValues, fields, useAction, useApi } from "../ui";

export const weekdays: [number, Key][] = [
  [1, "day.1"],
  [2, "day.2"],
  [3, "day.3"],
  [4, "day.4"],
  [5, "day.5"],
  [6, "day.6"],
  [7, "day.7"],
];

export default function OrgPage() {
  const org = useApi(() => api.GET("/v1/admin/org"), []);
  // The settings as the server last answered them: after a save the form shows what was stored.
  const [saved, setSaved] = useState<Org>();
  const current = saved ?? org.data;
  return (
    <Page title="nav.org">
      <Loading loaded={org} />
      {current && <OrgForm key={JSON.stringify(current)} org={current} saved={saved !== undefined} onSaved={setSaved} />}
    </Page>
  );
}

type Org = Schemas["OrgSettings"];

/** A retention in days, or empty for "keep them" (null). */
function days(v: string | undefined): number | null {
  return v ? Number(v) : null;
}

/**
 * The form shows its values once (default values, not controlled ones): an error answer or any
 * other render leaves what the admin typed in place; after a save it is made again from the answer.
 */
function OrgForm(props: { org: Org; saved: boolean; onSaved: (org: Org) => void }) {
  const o = props.org;
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const body: Schemas["OrgSettingsPatch"] = {
      name: f.name,
      timezone: f.timezone,
      week_starts_on: Number(f.week_starts_on),
      default_reminder_time: f.default_reminder_time,
      swaps_per_day: Number(f.swaps_per_day),
      retention_days: Number(f.retention_days),
      story_retention_days: days(f.story_retention_days),
      barrier_retention_days: days(f.barrier_retention_days),
      locales: checkedValues(form, "locales") as Locale[],
      default_locale: f.default_locale as Locale,
      default_workdays: checkedValues(form, "default_workdays").map(Number),
      barrier_categories: (f.barrier_categories ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
      points: { done: Number(f.points_done), story: Number(f.points_story), blocked: Number(f.points_blocked), kudos: Number(f.points_kudos) },
    };
    const stored = await action.run(() => api.PATCH("/v1/admin/org", { body }));
    if (stored) props.onSaved(stored);
  }
  return (
    <form class="stack form" onSubmit={submit}>
      <label for="name">{t("org.name")}</label>
      <input id="name" name="name" required defaultValue={o.name} />
      <label for="timezone">{t("org.timezone")}</label>
      <input id="timezone" name="timezone" required defaultValue={o.timezone} aria-describedby="timezone-hint" />
      <p id="timezone-hint" class="hint">
        {t("org.timezone_hint")}
      </p>
      <fieldset class="choice" aria-describedby="locales-hint">
        <legend>{t("org.locales")}</legend>
        {locales.map((l) => (
          <label>
            <input type="checkbox" name="locales" value={l} defaultChecked={o.locales.includes(l)} />
            {localeNames[l]}
          </label>
        ))}
      </fieldset>
      <p id="locales-hint" class="hint">
        {t("org.locales_hint")}
      </p>
      <label for="default_locale">{t("org.default_locale")}</label>
      <select id="default_locale" name="default_locale">
        {locales.map((l) => (
          <option value={l} selected={l === o.default_locale}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <fieldset class="choice">
        <legend>{t("org.default_workdays")}</legend>
        {weekdays.map(([d, label]) => (
          <label>
            <input type="checkbox" name="default_workdays" value={d} defaultChecked={o.default_workdays.includes(d)} />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <label for="week_starts_on">{t("org.week_starts_on")}</label>
      <select id="week_starts_on" name="week_starts_on">
        {weekdays.map(([d, label]) => (
          <option value={d} selected={d === o.week_starts_on}>
            {t(label)}
          </option>
        ))}
      </select>
      <label for="default_reminder_time">{t("org.reminder")}</label>
      <input id="default_reminder_time" name="default_reminder_time" type="time" required defaultValue={o.default_reminder_time} />
      <label for="swaps_per_day">{t("org.swaps")}</label>
      <input id="swaps_per_day" name="swaps_per_day" type="number" min={0} max={10} required defaultValue={String(o.swaps_per_day)} />
      <label for="barrier_categories">{t("org.categories")}</label>
      <input id="barrier_categories" name="barrier_categories" defaultValue={o.barrier_categories.join(", ")} aria-describedby="categories-hint" />
      <p id="categories-hint" class="hint">
        {t("org.categories_hint")}
      </p>
      <fieldset class="grid4">
        <legend>{t("org.points")}</legend>
        {(["done", "story", "blocked", "kudos"] as const).map((k) => (
          <label>
            {t(`org.points.${k}` as Key)}
            <input name={`points_${k}`} type="number" min={0} required defaultValue={String(o.points[k])} />
          </label>
        ))}
      </fieldset>
      <fieldset class="stack">
        <legend>{t("org.retention_title")}</legend>
        <label for="retention_days">{t("org.retention")}</label>
        <input id="retention_days" name="retention_days" type="number" min={30} max={3650} required defaultValue={String(o.retention_days)} />
        <OptionalDays name="story_retention_days" label={t("org.story_retention")} hint={t("org.story_retention_hint")} days={o.story_retention_days} />
        <OptionalDays name="barrier_retention_days" label={t("org.barrier_retention")} hint={t("org.barrier_retention_hint")} days={o.barrier_retention_days} />
      </fieldset>
      <ErrorNote error={action.error} />
      {props.saved && !action.busy && !action.error && (
        <p class="note" role="status">
          {t("saved")}
        </p>
      )}
      <button type="submit" disabled={action.busy}>
        {t("save")}
      </button>
    </form>
  );
}

/** A number of days that may be left empty (keep for ever), with its hint. */
function OptionalDays(props: { name: string; label: string; hint: string; days: number | null }) {
  const hint = `${props.name}-hint`;
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type="number"
        min={7}
        max={3650}
        defaultValue={props.days === null ? "" : String(props.days)}
        aria-describedby={hint}
      />
      <p id={hint} class="hint">
        {props.hint}
      </p>
    </>
  );
}
