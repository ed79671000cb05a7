// Dutch and English. The console follows the signed-in user's locale (which defaults to the org's
// default_locale) until someone picks another language here; that choice is kept in this browser.
import { useEffect, useState } from "preact/hooks";
import { en, type Key } from "./messages/en";
import { nl } from "./messages/nl";

export type Locale = "en" | "nl";
export type { Key };

const dictionaries: Record<Locale, Record<Key, string>> = { en, nl };
const chosenKey = "microact-console-locale";

function stored(): Locale | null {
  try {
    const v = localStorage.getItem(chosenKey);
    return v === "en" || v === "nl" ? v : null;
  } catch {
    return null;
  }
}

let locale: Locale = stored() ?? (navigator.language.toLowerCase().startsWith("nl") ? "nl" : "en");
const listeners = new Set<(l: Locale) => void>();

function apply(next: Locale) {
  locale = next;
  document.documentElement.lang = next;
  listeners.forEach((l) => l(next));
}
document.documentElement.lang = locale;

/** Follows the user's locale unless a language was chosen in this browser. */
export function followUser(userLocale: string) {
  if (stored()) return;
  if ((userLocale === "en" || userLocale === "nl") && userLocale !== locale) apply(userLocale);
}

export function choose(next: Locale) {
  try {
    localStorage.setItem(chosenKey, next);
  } catch {
    // private mode: the choice lasts until the tab closes
  }
  apply(next);
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

export function currentLocale(): Locale {
  return locale;
}

/** The message for key in the current language, with {name} placeholders filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let text = dictionaries[locale][key];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(n);
}

export function formatPercent(share: number): string {
  return formatNumber(share, { style: "percent", maximumFractionDigits: 0 });
}

/** A calendar day (YYYY-MM-DD) as the reader writes it, without a time-zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** A calendar day as a short label (day and month), for a chart's axis. */
export function formatShortDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(instant));
}
