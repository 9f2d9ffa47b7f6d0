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
