/** A calendar day (YYYY-MM-DD) as people write it in that language: "18. desember 2026". */
export function calendarDay(iso: string, tag: "nb-NO" | "nn-NO"): string {
  const at = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(at);
}
