// Dutch and English, as data (messages/en.ts, messages/nl.ts). The app follows the signed-in
// user's locale (which they change in the preferences, on the server); before sign-in, the
// phone's language.
import { useEffect, useState } from "preact/hooks";
import { en, type Key } from "./messages/en";
import { nl } from "./messages/nl";

export type Locale = "en" | "nl";
export type { Key };

const dictionaries: Record<Locale, Record<Key, string>> = { en, nl };

let locale: Locale = navigator.language.toLowerCase().startsWith("nl") ? "nl" : "en";
const listeners = new Set<(l: Locale) => void>();
document.documentElement.lang = locale;

export function setLocale(next: string) {
  if ((next !== "en" && next !== "nl") || next === locale) return;
  locale = next;
  document.documentElement.lang = next;
  listeners.forEach((l) => l(next));
}

export function useLocale(): Locale {
  const [l, setL] = useState(locale);
  useEffect(() => {
    listeners.add(setL);
    setL(locale);
    return () => void listeners.delete(setL);
  }, []);
  return l;
}

/** The message for key in the current language, with {name} placeholders filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  // "{n} points" has a singular of its own where one is written ("points.n.one").
  const one = vars?.n === 1 || vars?.n === "1" ? (dictionaries[locale] as Record<string, string>)[`${key}.one`] : undefined;
  let text = one ?? dictionaries[locale][key];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A calendar day (YYYY-MM-DD) as the reader writes it, without a time-zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
}
