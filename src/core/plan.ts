import { DateTime } from "luxon";
import type { Problem } from "./problem";

/**
 * The action plan (tiltaksplan) of DESIGN.md: after a round, a unit picks a
 * few focus areas among the factors (some to preserve, some to improve) and
 * writes measures, each with a responsible person and a deadline. The bot
 * follows each measure up until it is done.
 */
export const FOCUS_KINDS = ["preserve", "improve"] as const;
export type FocusKind = (typeof FOCUS_KINDS)[number];

export const MEASURE_STATUSES = ["not_started", "in_progress", "done"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/**
 * NTNU's workshop picks two areas to preserve and two to improve; KS asks for
 * one to three factors. So a plan holds one to four areas, at most two of
 * each kind: a plan that focuses on everything focuses on nothing.
 */
export const MAX_FOCUS_PER_KIND: Readonly<Record<FocusKind, number>> = { preserve: 2, improve: 2 };
/** Up to three measures per focus area, as in NTNU's workshop. */
export const MAX_MEASURES_PER_AREA = 3;
export const MEASURE_TEXT = { min: 3, max: 500 } as const;

/**
 * The round after a plan asks, per focus area, whether it has improved.
 * Stored like any answer, anonymously, as 1 worse, 2 the same, 3 better.
 */
export const FOLLOW_UP_ANSWERS = ["better", "same", "worse"] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];
export const FOLLOW_UP_VALUE: Record<FollowUpAnswer, 1 | 2 | 3> = { worse: 1, same: 2, better: 3 };

/** The pseudo-statement id of a follow-up question: the plan's unit and the factor. */
export function followUpItemId(planUnitId: string, factorId: string): string {
  return `fu_${planUnitId}_${factorId}`;
}

/**
 * The appreciative question's place among a survey's steps: after the
 * focus-area questions, asked once of everyone who got any (ids are kebab-case, so none looks like it).
 */
export const APPRECIATIVE_STEP = "_appreciative";

const DAY = 86_400_000;
/** The responsible person is reminded a week and a day before the deadline; on the day, asked how it went. */
const REMIND_DAYS_BEFORE = [7, 1] as const;
/** A measure still open this many days after its deadline goes to the unit's leaders, once. */
const ESCALATE_DAYS_AFTER = 1;

export interface FocusArea {
  factorId: string;
  kind: FocusKind;
}

/**
 * The focus areas, or why they cannot be: none, unknown factors, a factor
 * twice, more than two of a kind, or dropping an area that still holds
 * measures (they belong to it: move them first).
 */
export function checkFocusAreas(
  areas: readonly FocusArea[],
  factorIds: readonly string[],
  withMeasures: readonly string[] = [],
): Problem | null {
  if (areas.length === 0) return { kind: "focus_none" };
  const seen = new Set<string>();
  for (const a of areas) {
    if (!factorIds.includes(a.factorId)) return { kind: "focus_unknown_factor", factor: a.factorId };
    if (seen.has(a.factorId)) return { kind: "focus_twice", factor: a.factorId };
    seen.add(a.factorId);
  }
  for (const kind of FOCUS_KINDS) {
    const max = MAX_FOCUS_PER_KIND[kind];
    if (areas.filter((a) => a.kind === kind).length > max) return { kind: "focus_too_many", focus: kind, max };
  }
  const dropped = withMeasures.find((f) => !seen.has(f));
  if (dropped !== undefined) return { kind: "focus_has_measures", factor: dropped };
  return null;
}

/** A new measure belongs to one of the plan's focus areas, and an area holds at most three. */
export function checkMeasureArea(
  factorId: string,
  focus: readonly FocusArea[],
  measureFactors: readonly (string | null)[],
): Problem | null {
  if (!focus.some((f) => f.factorId === factorId)) return { kind: "measure_needs_focus", factor: factorId };
  if (measureFactors.filter((f) => f === factorId).length >= MAX_MEASURES_PER_AREA)
    return { kind: "measures_per_area_full", factor: factorId, max: MAX_MEASURES_PER_AREA };
  return null;
}

/** A deadline must lie ahead: a measure is a promise about the future. */
export function checkDeadline(deadline: Date, now: Date): Problem | null {
  if (Number.isNaN(deadline.getTime())) return { kind: "deadline_not_date" };
  if (deadline.getTime() <= now.getTime()) return { kind: "deadline_past" };
  if (deadline.getTime() > now.getTime() + 2 * 365 * DAY) return { kind: "deadline_too_far" };
  return null;
}

export type FollowUpStep = { step: "remind"; days: number } | { step: "ask" } | { step: "escalate" };

/**
 * When the bot follows a measure up, counted in calendar days in the
 * organization's zone (so 09:00 stays 09:00 across daylight saving): the
 * reminders still ahead, the status question on the day, the escalation the
 * day after.
 */
export function followUpTimes(deadline: Date, now: Date, zone: string): { at: Date; step: FollowUpStep }[] {
  const day = DateTime.fromJSDate(deadline, { zone });
  const out: { at: Date; step: FollowUpStep }[] = REMIND_DAYS_BEFORE.map((days) => {
    const at = day.minus({ days });
    // Measure messages keep to weekdays (DEFAULT_WINDOW): a reminder due on a weekend comes the Friday before,
    // not on Monday with the deadline already there.
    return {
      at: (at.weekday > 5 ? at.minus({ days: at.weekday - 5 }) : at).toJSDate(),
      step: { step: "remind", days },
    };
  });
  out.push({ at: deadline, step: { step: "ask" } });
  out.push({ at: day.plus({ days: ESCALATE_DAYS_AFTER }).toJSDate(), step: { step: "escalate" } });
  return out.filter((t) => t.step.step !== "remind" || t.at.getTime() > now.getTime());
}

/** The first day of the month after `now`, 09:00 in the zone: when the monthly progress note goes out. */
export function nextMonthlyNote(now: Date, zone: string): { at: Date; month: string } {
  const first = DateTime.fromJSDate(now, { zone }).startOf("month").plus({ months: 1 }).set({ hour: 9 });
  return { at: first.toJSDate(), month: first.toFormat("yyyy-MM") };
}

export interface Progress {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
}

export function isOverdue(m: { status: MeasureStatus; deadline: Date }, now: Date): boolean {
  return m.status !== "done" && m.deadline.getTime() < now.getTime();
}

export function planProgress(measures: readonly { status: MeasureStatus; deadline: Date }[], now: Date): Progress {
  const p: Progress = { total: measures.length, done: 0, inProgress: 0, notStarted: 0, overdue: 0 };
  for (const m of measures) {
    if (m.status === "done") p.done++;
    else {
      if (m.status === "in_progress") p.inProgress++;
      else p.notStarted++;
      if (m.deadline.getTime() < now.getTime()) p.overdue++;
    }
  }
  return p;
}
