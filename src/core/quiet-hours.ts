import { DateTime } from "luxon";

/**
 * When a person may be messaged: a daily window in their own time zone
 * (default 08:00–17:00 on weekdays). Outside it, a message waits; it is
 * never dropped.
 */
export interface SendWindow {
  /** Minutes after local midnight the window opens, e.g. 8 * 60. */
  start: number;
  /** Minutes after local midnight the window closes (exclusive). */
  end: number;
  weekdaysOnly: boolean;
}

export const DEFAULT_WINDOW: SendWindow = { start: 8 * 60, end: 17 * 60, weekdaysOnly: true };
/** "none": every hour of every day. */
export const ALWAYS: SendWindow = { start: 0, end: 24 * 60, weekdaysOnly: false };

/** Parses "HH:MM-HH:MM" (or "none"); null on a malformed value. */
export function parseWindow(text: string, weekdaysOnly: boolean): SendWindow | null {
  if (text.trim().toLowerCase() === "none") return { ...ALWAYS, weekdaysOnly };
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 !== 0)) return null;
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  if (end <= start) return null;
  return { start, end, weekdaysOnly };
}

export function formatWindow(w: SendWindow): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const hours = w.start === 0 && w.end === 24 * 60 ? "any hour" : `${hm(w.start)}-${hm(w.end)}`;
  return `${hours}${w.weekdaysOnly ? ", weekdays" : ", every day"}`;
}

/** The earliest instant at or after `at` inside the window, in `timeZone`. */
export function nextAllowed(at: Date, timeZone: string, w: SendWindow): Date {
  let local = DateTime.fromJSDate(at, { zone: timeZone });
  for (let day = 0; day < 8; day++) {
    const isWeekend = local.weekday >= 6;
    if (!(w.weekdaysOnly && isWeekend)) {
      const minutes = local.hour * 60 + local.minute;
      if (minutes < w.start) {
        // startOf("day").plus keeps wall-clock meaning across DST changes.
        return local
          .startOf("day")
          .set({ hour: Math.floor(w.start / 60), minute: w.start % 60 })
          .toJSDate();
      }
      if (minutes < w.end) return local.toJSDate();
    }
    local = local.plus({ days: 1 }).startOf("day");
  }
  throw new Error("send window admits no time in a week");
}
