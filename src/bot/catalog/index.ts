import type { Locale } from "../../core/locale";
import { en } from "./en";
import { nb } from "./nb";
import { nn } from "./nn";
import type { Catalog } from "./types";

export type { Catalog };
export const catalogs: Record<Locale, Catalog> = { nb, nn, en };

/** A date as people in that locale write it, in their own zone: "24. november 2026". */
export function formatDate(at: Date, locale: Locale, timeZone: string): string {
  const tag = locale === "en" ? "en-GB" : locale === "nn" ? "nn-NO" : "nb-NO";
  return new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone }).format(at);
}

/** Date and time: "fredag 28. november kl. 09:00" / "Friday 28 November at 09:00". */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  const tag = locale === "en" ? "en-GB" : locale === "nn" ? "nn-NO" : "nb-NO";
  // Building a formatter costs far more than using one, and every invitation of a fan-out formats a deadline.
  const key = `${tag} ${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    const options = { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" } as const;
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone });
    if (dateTimeFormats.size > 500) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
  }
  return format.format(at);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
