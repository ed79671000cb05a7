// The org's settings, including the defaults new users start with (language and workdays: shops
// work Saturdays).
import { useState } from "preact/hooks";
import { api, type Schemas } from "../../api/client";
import { t, type Key } from "../i18n";
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
  return (
    <Page title="nav.org">
      <Loading loaded={org} />
      {org.data && <OrgForm org={org.data} />}
    </Page>
  );
}

function OrgForm(props: { org: Schemas["OrgSettings"] }) {
  const o = props.org;
  const action = useAction();
  const [saved, setSaved] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const body: Schemas["OrgSettingsPatch"] = {
      name: f.name,
      timezone: f.timezone,
      week_starts_on: Number(f.week_starts_on),
      default_reminder_time: f.default_reminder_time,
      swaps_per_day: Number(f.swaps_per_day),
      retention_days: Number(f.retention_days),
      default_locale: f.default_locale as Schemas["Locale"],
      default_workdays: checkedValues(form, "default_workdays").map(Number),
      barrier_categories: (f.barrier_categories ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
      points: { done: Number(f.points_done), story: Number(f.points_story), blocked: Number(f.points_blocked), kudos: Number(f.points_kudos) },
    };
    if (await action.run(() => api.PATCH("/v1/admin/org", { body }))) setSaved(true);
  }
  return (
    <form class="stack form" onSubmit={submit}>
      <label for="name">{t("org.name")}</label>
      <input id="name" name="name" required value={o.name} />
      <label for="timezone">{t("org.timezone")}</label>
      <input id="timezone" name="timezone" required value={o.timezone} aria-describedby="timezone-hint" />
      <p id="timezone-hint" class="hint">
        {t("org.timezone_hint")}
      </p>
      <label for="default_locale">{t("org.default_locale")}</label>
      <select id="default_locale" name="default_locale" value={o.default_locale}>
        <option value="nl">Nederlands</option>
        <option value="en">English</option>
      </select>
      <fieldset class="choice">
        <legend>{t("org.default_workdays")}</legend>
        {weekdays.map(([d, label]) => (
          <label>
            <input type="checkbox" name="default_workdays" value={d} checked={o.default_workdays.includes(d)} />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <label for="week_starts_on">{t("org.week_starts_on")}</label>
      <select id="week_starts_on" name="week_starts_on" value={String(o.week_starts_on)}>
        {weekdays.map(([d, label]) => (
          <option value={d}>{t(label)}</option>
        ))}
      </select>
      <label for="default_reminder_time">{t("org.reminder")}</label>
      <input id="default_reminder_time" name="default_reminder_time" type="time" required value={o.default_reminder_time} />
      <label for="swaps_per_day">{t("org.swaps")}</label>
      <input id="swaps_per_day" name="swaps_per_day" type="number" min={0} required value={o.swaps_per_day} />
      <label for="barrier_categories">{t("org.categories")}</label>
      <input id="barrier_categories" name="barrier_categories" value={o.barrier_categories.join(", ")} aria-describedby="categories-hint" />
      <p id="categories-hint" class="hint">
        {t("org.categories_hint")}
      </p>
      <fieldset class="grid4">
        <legend>{t("org.points")}</legend>
        {(["done", "story", "blocked", "kudos"] as const).map((k) => (
          <label>
            {t(`org.points.${k}` as Key)}
            <input name={`points_${k}`} type="number" min={0} required value={o.points[k]} />
          </label>
        ))}
      </fieldset>
      <label for="retention_days">{t("org.retention")}</label>
      <input id="retention_days" name="retention_days" type="number" min={1} required value={o.retention_days} />
      <ErrorNote error={action.error} />
      {saved && (
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
