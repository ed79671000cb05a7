// The locales microact knows (the API's Locale), each named in its own language, for the pickers
// of the console and the app. An org enables some of them (its settings' `locales`).
import type { Schemas } from "./api";

export type Locale = Schemas["Locale"];

export const localeNames: Record<Locale, string> = { nl: "Nederlands", en: "English", de: "Deutsch", fr: "Français" };
export const locales = Object.keys(localeNames) as Locale[];
