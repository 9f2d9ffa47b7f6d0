import type { Locale } from "../core/locale";

/**
 * Numbers and dates as the reader's language writes them, for what the server renders (the printable report,
 * the CSV): "3,4" and "7. des. 2026" in nb and nn, "3.4" and "7 Dec 2026" in en. The dashboard's own helper
 * (src/web/public/i18n.js) writes the same with the same Intl calls.
 */
const TAGS: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

/** Intl's no-break spaces ("85 %") as plain ones, so a spreadsheet and a search find what the eye reads. */
const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

export function formatNumber(locale: Locale, value: number, digits: number): string {
  const f = new Intl.NumberFormat(TAGS[locale], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return plainSpaces(f.format(value));
}

/** A share 0–1 as a whole percentage. */
export function formatPercent(locale: Locale, share: number): string {
  return plainSpaces(new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 0 }).format(share));
}

export function formatDate(locale: Locale, when: Date, timeZone: string): string {
  return plainSpaces(new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeZone }).format(when));
}
