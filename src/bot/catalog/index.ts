import type { Locale } from "../../core/locale";
import { en } from "./en";
import { nb } from "./nb";
import { nn } from "./nn";
import type { Catalog } from "./types";

export type { Catalog };
export const catalogs: Record<Locale, Catalog> = { nb, nn, en };

/**
 * Building an Intl.DateTimeFormat costs far more than using one, and every survey step formats a date:
 * one formatter per kind, locale and zone, kept (a few hundred zones exist, so this stays small).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "date" | "dateTime", locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${timeZone}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const tag = locale === "en" ? "en-GB" : locale === "nn" ? "nn-NO" : "nb-NO";
    const parts: Intl.DateTimeFormatOptions =
      kind === "date"
        ? { day: "numeric", month: "long", year: "numeric" }
        : { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" };
    f = new Intl.DateTimeFormat(tag, { ...parts, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** A date as people in that locale write it, in their own zone: "24. november 2026". */
export function formatDate(at: Date, locale: Locale, timeZone: string): string {
  return formatter("date", locale, timeZone).format(at);
}

/** Date and time: "fredag 28. november kl. 09:00" / "Friday 28 November at 09:00". */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  return formatter("dateTime", locale, timeZone).format(at);
}
