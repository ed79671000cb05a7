// English, Dutch, German and French, as data (messages/*.ts; English and Dutch have every text,
// a text German or French lacks is shown in English). The app follows the signed-in user's locale
// (which they change in the preferences, on the server); before sign-in, the phone's language.
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "../shared/locales";
import { de } from "./messages/de";
import { en, type Key } from "./messages/en";
import { fr } from "./messages/fr";
import { nl } from "./messages/nl";

export type { Key, Locale };

const dictionaries: Record<Locale, Partial<Record<Key, string>>> = { en, nl, de, fr };

function known(l: string): l is Locale {
  return l in dictionaries;
}

const phone = navigator.language.toLowerCase().slice(0, 2);
let locale: Locale = known(phone) ? phone : "en";
const listeners = new Set<(l: Locale) => void>();
document.documentElement.lang = locale;

export function setLocale(next: string) {
  if (!known(next) || next === locale) return;
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
  let text = one ?? dictionaries[locale][key] ?? en[key];
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
