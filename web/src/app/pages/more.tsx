// More: preferences (reminder, quiet hours, workdays, pause, language, boards), suggesting a
// gesture, reporting a barrier and following the barriers reported, downloading my data, and
// signing out.
import { useState } from "preact/hooks";
import { api, downloadMyData, newKey, type Schemas } from "../api";
import { localeNames, locales } from "../../shared/locales";
import { formatInstant, t, type Key } from "../i18n";
import { logout, updateMe, useSession, type Me } from "../session";
import { ErrorNote, Loading, Page, fields, useAction, useApi } from "../ui";

const categories = ["time", "tools", "rules", "stock", "other"];
const weekdays = [1, 2, 3, 4, 5, 6, 7];

export default function MorePage() {
  const session = useSession();
  if (session.status !== "signed-in") return null;
  return (
    <Page title="more.title">
      <p class="who">
        {session.me.name}
        {session.me.team && <> · {session.me.team.name}</>}
      </p>
      <TimeZone me={session.me} />
      <Preferences me={session.me} />
      <Suggest />
      <Barriers />
      <MyData />
      <p>
        <button type="button" class="secondary" onClick={() => void logout()}>
          {t("signout")}
        </button>
      </p>
    </Page>
  );
}

/**
 * The time zone the user's day is worked out in. When the phone is in another zone (travel, a
 * move), one tap takes it over. The server then voids the access token, which carries the zone:
 * the next call is refused once, the session is renewed and the call sent again (api.ts).
 */
function TimeZone(props: { me: Me }) {
  const phone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const action = useAction();
  async function follow() {
    const me = await action.run(() => api.PATCH("/v1/me", { body: { timezone: phone } }));
    if (me) updateMe(me);
  }
  return (
    <section class="card" aria-labelledby="tz-title">
      <h2 id="tz-title">{t("tz.title")}</h2>
      <p role="status">{t("tz.now", { zone: props.me.timezone })}</p>
      {phone && phone !== props.me.timezone && (
        <button type="button" class="secondary" disabled={action.busy} onClick={() => void follow()}>
          {t("tz.follow", { zone: phone })}
        </button>
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}

/** Everything microact stores about me, as a JSON file (the right of access). */
function MyData() {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  async function download() {
    setSaved(false);
    const done = await action.run(async () => {
      const error = await downloadMyData();
      return error === undefined ? { data: true } : { error };
    });
    if (done) setSaved(true);
  }
  return (
    <div class="stack card">
      <button type="button" class="secondary" disabled={action.busy} onClick={() => void download()}>
        {t("mydata")}
      </button>
      {saved && (
        <p class="note" role="status">
          {t("mydata.saved")}
        </p>
      )}
      <ErrorNote error={action.error} />
    </div>
  );
}

/**
 * The preferences show their values once (default values, not controlled ones), so an error
 * answer leaves what was typed in place; a saved Me brings its values as the new defaults.
 */
function Preferences(props: { me: Me }) {
  const p = props.me.preferences;
  const action = useAction();
  const [saved, setSaved] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const days = weekdays.filter((d) => (form.elements.namedItem(`day${d}`) as HTMLInputElement).checked);
    const body: Schemas["MePatch"] = {
      locale: f.locale as Schemas["Locale"],
      preferences: {
        reminder_time: f.reminder ?? p.reminder_time,
        quiet_hours: { start: f.quiet_start ?? p.quiet_hours.start, end: f.quiet_end ?? p.quiet_hours.end },
        workdays: days,
        show_on_leaderboards: f.boards === "on",
        paused_until: f.paused ? f.paused : null,
        // A start is sent only when it was changed: an ongoing pause keeps the day it began.
        ...(f.paused && f.paused_from && f.paused_from !== p.paused_from && { paused_from: f.paused_from }),
      },
    };
    const me = await action.run(() => api.PATCH("/v1/me", { body }));
    if (me) {
      updateMe(me);
      setSaved(true);
    }
  }
  return (
    <form class="stack card" onSubmit={submit} aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t("prefs.title")}</h2>
      <label for="locale">{t("prefs.language")}</label>
      <select id="locale" name="locale">
        {locales.map((l) => (
          <option value={l} selected={l === props.me.locale}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <label for="reminder">{t("prefs.reminder")}</label>
      <input id="reminder" name="reminder" type="time" defaultValue={p.reminder_time} required />
      <fieldset class="pair">
        <legend>{t("prefs.quiet")}</legend>
        <label for="quiet_start">{t("prefs.from")}</label>
        <input id="quiet_start" name="quiet_start" type="time" defaultValue={p.quiet_hours.start} required />
        <label for="quiet_end">{t("prefs.until")}</label>
        <input id="quiet_end" name="quiet_end" type="time" defaultValue={p.quiet_hours.end} required />
      </fieldset>
      <fieldset class="choice days">
        <legend>{t("prefs.workdays")}</legend>
        {weekdays.map((d) => (
          <label>
            <input type="checkbox" name={`day${d}`} defaultChecked={p.workdays.includes(d)} />
            {t(`day.${d}` as Key)}
          </label>
        ))}
      </fieldset>
      <label for="paused_from">{t("prefs.pause_from")}</label>
      <input id="paused_from" name="paused_from" type="date" defaultValue={p.paused_from ?? ""} aria-describedby="paused-from-hint" />
      <p class="hint" id="paused-from-hint">
        {t("prefs.pause_from_hint")}
      </p>
      <label for="paused">{t("prefs.pause")}</label>
      <input id="paused" name="paused" type="date" defaultValue={p.paused_until ?? ""} aria-describedby="paused-hint" />
      <p class="hint" id="paused-hint">
        {t("prefs.pause_hint")}
      </p>
      <label class="check">
        <input type="checkbox" name="boards" defaultChecked={p.show_on_leaderboards} /> {t("prefs.boards")}
      </label>
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

/** The values to suggest under: those of the gestures this user was given (the API lists values to admins only). */
function useValues() {
  return useApi(async () => {
    const a = await api.GET("/v1/me/history", { params: { query: { limit: 100 } } });
    if (!a.data) return { error: a.error };
    const seen = new Map<string, string>();
    for (const item of a.data.items) seen.set(item.gesture.value.id, item.gesture.value.name);
    return { data: [...seen].map(([id, name]) => ({ id, name })) };
  }, []);
}

function Suggest() {
  const values = useValues();
  const action = useAction();
  const [sent, setSent] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    setSent(false);
    const done = await action.run(() =>
      api.POST("/v1/suggestions", {
        params: { header: { "Idempotency-Key": newKey() } },
        body: { title: (f.title ?? "").trim(), how_to: (f.how_to ?? "").trim(), value_id: f.value ?? "" },
      }),
    );
    if (done) {
      form.reset();
      setSent(true);
    }
  }
  return (
    <form class="stack card" onSubmit={submit} aria-labelledby="suggest-title">
      <h2 id="suggest-title">{t("suggest.title")}</h2>
      <p class="hint">{t("suggest.intro")}</p>
      <label for="s-title">{t("suggest.name")}</label>
      <input id="s-title" name="title" required maxLength={120} />
      <label for="s-how">{t("suggest.how")}</label>
      <textarea id="s-how" name="how_to" rows={2} required maxLength={500} />
      <label for="s-value">{t("suggest.value")}</label>
      <select id="s-value" name="value" required>
        {values.data?.map((v) => (
          <option value={v.id}>{v.name}</option>
        ))}
      </select>
      <Loading loaded={values} />
      <ErrorNote error={action.error} />
      {sent && (
        <p class="note" role="status">
          {t("suggest.sent")}
        </p>
      )}
      <button type="submit" disabled={action.busy || !values.data?.length}>
        {t("suggest.submit")}
      </button>
    </form>
  );
}

function Barriers() {
  const list = useApi(() => api.GET("/v1/barriers", { params: { query: { limit: 20 } } }), []);
  const action = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(form);
    const done = await action.run(() =>
      api.POST("/v1/barriers", {
        params: { header: { "Idempotency-Key": newKey() } },
        body: { category: f.category ?? "other", text: (f.text ?? "").trim() },
      }),
    );
    if (done) {
      form.reset();
      list.reload();
    }
  }
  return (
    <section class="card" aria-labelledby="barriers-title">
      <h2 id="barriers-title">{t("barriers.title")}</h2>
      <form class="stack" onSubmit={submit}>
        <label for="b-category">{t("barrier.category")}</label>
        <select id="b-category" name="category" required>
          {categories.map((c) => (
            <option value={c}>{t(`category.${c}` as Key)}</option>
          ))}
        </select>
        <label for="b-text">{t("barrier.text")}</label>
        <textarea id="b-text" name="text" rows={2} required maxLength={1000} />
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t("barriers.report")}
        </button>
      </form>
      <h3>{t("barriers.mine")}</h3>
      <Loading loaded={list} />
      {list.data?.items.length === 0 && <p class="muted">{t("barriers.none")}</p>}
      <ul class="barriers">
        {list.data?.items.map((b) => (
          <li>
            <p>
              <span class={`chip ${b.status}`}>{t(`barrier.status.${b.status}` as Key)}</span> {b.text}
            </p>
            {b.note && <p class="note">{t("barriers.note", { note: b.note })}</p>}
            <p class="muted">{formatInstant(b.updated_at)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
