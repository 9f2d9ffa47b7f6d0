import { Cron } from "croner";

/**
 * A series' cadence: a cron expression read in the organization's time zone
 * (so "0 9 * * 1" is Monday 09:00 Oslo time on both sides of a DST change).
 */
export type CadenceResult = { ok: true; next: Date[] } | { ok: false; reason: string };

function cron(expression: string, timeZone: string): Cron {
  return new Cron(expression, { timezone: timeZone, paused: true });
}

/** Validates the expression and returns its next `count` run times after `from`. */
export function nextRuns(expression: string, timeZone: string, from: Date, count = 3): CadenceResult {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return { ok: false, reason: `"${expression}" must have 5 fields: minute hour day-of-month month day-of-week` };
  try {
    const next = cron(expression, timeZone).nextRuns(count, from);
    if (next.length === 0) return { ok: false, reason: `"${expression}" never runs` };
    return { ok: true, next };
  } catch (e) {
    return {
      ok: false,
      reason: `"${expression}" is not a valid cron expression (${(e as Error).message.replace(/^CronPattern: /, "")})`,
    };
  }
}

/** The first run strictly after `after`, or null if there is none. */
export function nextRun(expression: string, timeZone: string, after: Date): Date | null {
  return cron(expression, timeZone).nextRun(after) ?? null;
}

/**
 * A series as HR's form says when it runs: a weekday (1 = Monday … 7 = Sunday) and a time, weekly or on
 * the first such weekday of each month. The server writes the cron expression, so the form never needs to.
 */
export interface FormSchedule {
  every: "week" | "month";
  weekday: number;
  /** HH:MM */
  time: string;
}

export function cadenceOfSchedule(f: FormSchedule): string {
  const [h, m] = f.time.split(":").map(Number);
  const day = f.weekday % 7; // cron: 0 = Sunday
  return `${m} ${h} * * ${f.every === "week" ? day : `${day}#1`}`;
}

/**
 * The form's reading of a cron expression, or null for one the form cannot say (written with the CLI,
 * such as "0 9 1 * *", the 1st of each month).
 */
export function scheduleOfCadence(expression: string): FormSchedule | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])(#1)?$/.exec(expression.trim().split(/\s+/).join(" "));
  if (m === null) return null;
  const [minute, hour, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (minute > 59 || hour > 23) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { every: m[4] ? "month" : "week", weekday: day === 0 ? 7 : day, time: `${pad(hour)}:${pad(minute)}` };
}
