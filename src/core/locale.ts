/** The languages Pulsen speaks: Norwegian bokmål, nynorsk and English. */
export const LOCALES = ["nb", "nn", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "nb";
export const DEFAULT_TIME_ZONE = "Europe/Oslo";

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * True for an IANA zone name the runtime knows (aliases included).
 * Intl is pure computation, so core may use it.
 */
export function isTimeZone(value: string): boolean {
  if (value.trim() === "" || value !== value.trim()) return false;
  const known = checkedZones.get(value);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    ok = true;
  } catch {
    ok = false;
  }
  // A big import names the same few zones thousands of times; building a formatter each time was a fifth of it.
  if (checkedZones.size < 1000) checkedZones.set(value, ok);
  return ok;
}

const checkedZones = new Map<string, boolean>();
