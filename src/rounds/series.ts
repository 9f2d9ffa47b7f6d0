import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { nextRun, nextRuns } from "../core/cadence";
import { cleanText } from "../core/clean-text";
import { PulsenError } from "../core/errors";
import type { RoundId, SeriesId } from "../core/ids";
import { type SendWindow, formatWindow } from "../core/quiet-hours";
import { getInstrument } from "../db/instrument-store";
import { newId } from "../db/ids";
import type { Db, Store } from "../db/open";
import { getOrganization } from "../db/org-store";
import { jobs, rounds, series, units, type SeriesRow } from "../db/schema";
import { jobKey } from "../jobs/job";
import { type JobKind, enqueueJob } from "../jobs/queue";
import type { Logger } from "../log";

export interface SeriesInput {
  name: string;
  instrumentId: string;
  /** A unit path, or "all". */
  audience: string;
  cadence: string;
  openDays: number;
  reminderDays: number[];
  maxReminders?: number;
  itemsPerRound?: number;
  window: SendWindow;
}

export const JOB_OPEN_SCHEDULED = "round.open" satisfies JobKind;

function orgOrFail(store: Store) {
  const org = getOrganization(store);
  if (org === null) throw new PulsenError("conflict", { kind: "no_organization" });
  return org;
}

interface CheckedSeries {
  orgId: string;
  /** The series' columns as the input says them, checked. */
  values: Omit<typeof series.$inferInsert, "id" | "orgId" | "status" | "createdAt">;
  next: Date[];
}

/**
 * Checks a series against the instrument, the org tree and its own cadence: the one set of rules for a new
 * series and for a changed one.
 */
function checkSeries(store: Store, input: SeriesInput, now: Date): CheckedSeries {
  const org = orgOrFail(store);
  const { instrument } = getInstrument(store, input.instrumentId);
  let audienceUnitId: string | null = null;
  if (input.audience.trim().toLowerCase() !== "all") {
    const unit = store.select({ id: units.id }).from(units).where(eq(units.path, input.audience.trim())).get();
    if (unit === undefined) throw new PulsenError("not_found", { kind: "audience_unknown", audience: input.audience });
    audienceUnitId = unit.id;
  }
  // A name of only control or bidi characters is no name once they are gone.
  const name = cleanText(input.name).trim();
  if (name === "") throw new PulsenError("input_invalid", { kind: "column_empty", column: "name" });
  const runs = nextRuns(input.cadence, org.defaultTimezone, now, 4);
  if (!runs.ok) throw new PulsenError("input_invalid", { kind: "cadence_invalid", reason: runs.reason });
  const gaps = runs.next.slice(1).map((d, i) => d.getTime() - (runs.next[i] as Date).getTime());
  const shortest = Math.min(...gaps);
  if (input.openDays * 86_400_000 > shortest + 3_600_000) {
    const everyDays = Math.round(shortest / 86_400_000);
    throw new PulsenError("input_invalid", { kind: "open_days_overlap", openDays: input.openDays, everyDays });
  }
  const bad = input.reminderDays.find((d) => d < 1 || d >= input.openDays);
  if (bad !== undefined)
    throw new PulsenError("input_invalid", { kind: "reminder_day_outside", day: bad, last: input.openDays - 1 });
  const items = instrument.factors.reduce((n, f) => n + f.items.length, 0);
  if (input.itemsPerRound !== undefined && (input.itemsPerRound < 1 || input.itemsPerRound > items)) {
    throw new PulsenError("input_invalid", { kind: "items_per_round", max: items, instrument: instrument.id });
  }
  return {
    orgId: org.id,
    values: {
      name,
      instrumentId: instrument.id,
      itemsPerRound: input.itemsPerRound ?? null,
      audienceUnitId,
      cadence: input.cadence.trim(),
      openDays: input.openDays,
      reminderDays: [...new Set(input.reminderDays)].sort((a, b) => a - b),
      maxReminders: input.maxReminders ?? input.reminderDays.length,
      windowStart: input.window.start,
      windowEnd: input.window.end,
      weekdaysOnly: input.window.weekdaysOnly,
    },
    next: runs.next.slice(0, 3),
  };
}

export function createSeries(db: Db, input: SeriesInput, now: Date): { id: SeriesId; next: Date[] } {
  const checked = checkSeries(db, input, now);
  const id = newId<SeriesId>("series");
  db.transaction((tx) => {
    tx.insert(series)
      .values({ id, orgId: checked.orgId, ...checked.values, status: "active", createdAt: now })
      .run();
    scheduleNextRound(tx, id, now, now);
  });
  return { id, next: checked.next };
}

/** The series as its own input: what an edit starts from, so that only what is given changes. */
function inputOf(store: Store, s: SeriesRow): SeriesInput {
  const audience =
    s.audienceUnitId === null
      ? "all"
      : store.select({ path: units.path }).from(units).where(eq(units.id, s.audienceUnitId)).get()?.path;
  if (audience === undefined) throw new PulsenError("internal", `series ${s.id}: its audience unit is missing`);
  return {
    name: s.name,
    instrumentId: s.instrumentId,
    audience,
    cadence: s.cadence,
    openDays: s.openDays,
    reminderDays: s.reminderDays,
    maxReminders: s.maxReminders,
    itemsPerRound: s.itemsPerRound ?? undefined,
    window: { start: s.windowStart, end: s.windowEnd, weekdaysOnly: s.weekdaysOnly },
  };
}

/** What an edit changed, by the name HR knows it under (never a value: it goes into the audit log). */
const EDITED_FIELDS = {
  name: "name",
  instrumentId: "instrument",
  itemsPerRound: "itemsPerRound",
  audienceUnitId: "audience",
  cadence: "cadence",
  openDays: "openDays",
  reminderDays: "reminderDays",
  maxReminders: "maxReminders",
  windowStart: "window",
  windowEnd: "window",
  weekdaysOnly: "window",
} as const satisfies Record<keyof CheckedSeries["values"], string>;

/**
 * Changes a series from its next round on, with the same checks as a new one. A round already open or
 * closed keeps what it was opened with (its plan, statements and close are pinned at open); the
 * upcoming occurrence, which has invited no one yet, is put on the calendar again from the new cadence,
 * as resuming would. A paused series stays paused, with nothing on the calendar.
 */
export function editSeries(
  db: Db,
  id: SeriesId,
  changes: Partial<SeriesInput>,
  now: Date,
): { next: Date[]; changed: string[] } {
  return db.transaction((tx) => {
    const s = getSeries(tx, id);
    const current = inputOf(tx, s);
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    // Reminders given without a maximum: one per reminder day still, unless the maximum was set on its own.
    const followsDays = s.maxReminders === s.reminderDays.length && changes.reminderDays !== undefined;
    const input: SeriesInput = {
      ...current,
      ...given,
      maxReminders: changes.maxReminders ?? (followsDays ? undefined : current.maxReminders),
    };
    const checked = checkSeries(tx, input, now);
    const changed = [
      ...new Set(
        (Object.keys(EDITED_FIELDS) as (keyof typeof EDITED_FIELDS)[])
          .filter((k) => JSON.stringify(checked.values[k]) !== JSON.stringify(s[k]))
          .map((k) => EDITED_FIELDS[k]),
      ),
    ];
    const active = s.status === "active";
    if (active) keepOpenRoundWhole(tx, s, checked.next[0] ?? null);
    if (changed.length > 0) {
      tx.update(series).set(checked.values).where(eq(series.id, id)).run();
      if (active) {
        dropScheduled(tx, id);
        scheduleNextRound(tx, id, now, now);
      }
    }
    return { next: active ? checked.next : [], changed };
  });
}

/**
 * The next round closes the series' open one when it opens (see the round.open handler): an edit may not
 * bring that moment forward, or the open round would lose days it was opened with.
 */
function keepOpenRoundWhole(store: Store, s: SeriesRow, first: Date | null): void {
  const open = store
    .select({ id: rounds.id, closesAt: rounds.closesAt })
    .from(rounds)
    .where(and(eq(rounds.seriesId, s.id), eq(rounds.status, "open")))
    .get();
  if (open === undefined || open.closesAt === null || first === null) return;
  const scheduled = store
    .select({ at: rounds.scheduledFor })
    .from(rounds)
    .where(and(eq(rounds.seriesId, s.id), eq(rounds.status, "scheduled")))
    .get()?.at;
  const ends = Math.min(open.closesAt.getTime(), scheduled?.getTime() ?? Number.POSITIVE_INFINITY);
  if (first.getTime() >= ends) return;
  const tz = orgOrFail(store).defaultTimezone;
  const when = (t: number) => {
    const at = DateTime.fromMillis(t, { zone: tz });
    return { day: at.toISODate() ?? "", time: at.toFormat("HH:mm") };
  };
  throw new PulsenError("conflict", {
    kind: "edit_cuts_open_round",
    round: open.id,
    opens: when(first.getTime()),
    ends: when(ends),
  });
}

/**
 * Puts the series' next occurrence on the calendar: a scheduled round and the
 * job that opens it. Idempotent per occurrence.
 */
export function scheduleNextRound(store: Store, seriesId: string, after: Date, now: Date): Date | null {
  const s = store.select().from(series).where(eq(series.id, seriesId)).get();
  if (s === undefined || s.status !== "active") return null;
  const existing = store
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.seriesId, seriesId), eq(rounds.status, "scheduled")))
    .get();
  if (existing !== undefined) return null;
  const tz = orgOrFail(store).defaultTimezone;
  const at = nextRun(s.cadence, tz, after);
  if (at === null) return null;
  const roundId = newId<RoundId>("round");
  store
    .insert(rounds)
    .values({
      id: roundId,
      seriesId,
      instrumentId: s.instrumentId,
      status: "scheduled",
      scheduledFor: at,
      createdAt: now,
    })
    .run();
  enqueueJob(store, { kind: JOB_OPEN_SCHEDULED, dueAt: at, payload: { roundId } }, now);
  return at;
}

export function pauseSeries(db: Db, id: SeriesId): void {
  const s = getSeries(db, id);
  if (s.status === "paused") throw new PulsenError("conflict", { kind: "series_already", id, status: "paused" });
  db.transaction((tx) => {
    tx.update(series).set({ status: "paused" }).where(eq(series.id, id)).run();
    // The upcoming occurrence is dropped; open rounds run to their end.
    dropScheduled(tx, id);
  });
}

/** Takes the series' upcoming occurrence off the calendar: the scheduled round and the job that would open it. */
function dropScheduled(tx: Store, id: SeriesId): void {
  const scheduled = tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.seriesId, id), eq(rounds.status, "scheduled")))
    .all();
  for (const r of scheduled) {
    const key = jobKey({ kind: JOB_OPEN_SCHEDULED, payload: { roundId: r.id } });
    tx.delete(jobs)
      .where(and(eq(jobs.idempotencyKey, key), eq(jobs.status, "pending")))
      .run();
    tx.delete(rounds).where(eq(rounds.id, r.id)).run();
  }
}

export function resumeSeries(db: Db, id: SeriesId, now: Date): Date | null {
  const s = getSeries(db, id);
  if (s.status === "active") throw new PulsenError("conflict", { kind: "series_already", id, status: "active" });
  return db.transaction((tx) => {
    tx.update(series).set({ status: "active" }).where(eq(series.id, id)).run();
    return scheduleNextRound(tx, id, now, now);
  });
}

export function getSeries(store: Store, id: string): SeriesRow {
  const s = store.select().from(series).where(eq(series.id, id)).get();
  if (s === undefined) throw new PulsenError("not_found", { kind: "series_unknown", id });
  return s;
}

export interface SeriesView {
  id: string;
  name: string;
  instrument: string;
  audience: string;
  cadence: string;
  openDays: number;
  reminderDays: number[];
  maxReminders: number;
  window: string;
  status: "active" | "paused";
  nextRound: string | null;
  rounds: number;
}

export function listSeries(db: Db): SeriesView[] {
  const rows = db
    .select({
      s: series,
      audience: units.path,
      next: sql<
        number | null
      >`(select min(scheduled_for) from rounds r where r.series_id = ${series.id} and r.status = 'scheduled')`,
      rounds: sql<number>`(select count(*) from rounds r where r.series_id = ${series.id} and r.status != 'scheduled')`,
    })
    .from(series)
    .leftJoin(units, eq(units.id, series.audienceUnitId))
    .orderBy(series.createdAt)
    .all();
  return rows.map(({ s, audience, next, rounds: n }) => ({
    id: s.id,
    name: s.name,
    instrument: s.instrumentId,
    audience: audience ?? "all",
    cadence: s.cadence,
    openDays: s.openDays,
    reminderDays: s.reminderDays,
    maxReminders: s.maxReminders,
    window: formatWindow({ start: s.windowStart, end: s.windowEnd, weekdaysOnly: s.weekdaysOnly }),
    status: s.status,
    nextRound: next === null ? null : new Date(next).toISOString(),
    rounds: n,
  }));
}

export function logSkipped(logger: Logger, seriesId: string, cadence: string, tz: string, from: Date, to: Date): void {
  let count = 0;
  for (let at = nextRun(cadence, tz, from); at !== null && at.getTime() < to.getTime(); at = nextRun(cadence, tz, at))
    count++;
  if (count > 0)
    logger.warn(
      { series: seriesId, skipped: count },
      "occurrences missed while Pulsen was down were not opened; the latest due one was",
    );
}
