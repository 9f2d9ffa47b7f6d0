/** The languages Pulsen speaks: Norwegian bokmål, nynorsk and English. */
export const LOCALES = ["nb", "nn", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "nb";
export const DEFAULT_TIME_ZONE = "Europe/Oslo";

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A text in every locale. */
export type Localized = Record<Locale, string>;

/** The person's locale if set, else the organization's default. */
export function effectiveLocale(personLocale: Locale | null | undefined, orgDefault: Locale): Locale {
  return personLocale ?? orgDefault;
}

/**
 * True for an IANA zone name the runtime knows (aliases included).
 * Intl is pure computation, so core may use it.
 */
export function isTimeZone(value: string): boolean {
  if (value.trim() === "" || value !== value.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
