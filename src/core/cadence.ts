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
