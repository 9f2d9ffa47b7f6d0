import { and, eq, sql } from "drizzle-orm";
import { nextRun, nextRuns } from "../core/cadence";
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

/** Checks a series against the instrument, the org tree and its own cadence. */
export function createSeries(db: Db, input: SeriesInput, now: Date): { id: SeriesId; next: Date[] } {
  const org = orgOrFail(db);
  const { instrument } = getInstrument(db, input.instrumentId);
  let audienceUnitId: string | null = null;
  if (input.audience.trim().toLowerCase() !== "all") {
    const unit = db.select({ id: units.id }).from(units).where(eq(units.path, input.audience.trim())).get();
    if (unit === undefined) throw new PulsenError("not_found", { kind: "audience_unknown", audience: input.audience });
    audienceUnitId = unit.id;
  }
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
  const id = newId<SeriesId>("series");
  db.transaction((tx) => {
    tx.insert(series)
      .values({
        id,
        orgId: org.id,
        name: input.name,
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
        status: "active",
        createdAt: now,
      })
      .run();
    scheduleNextRound(tx, id, now, now);
  });
  return { id, next: runs.next.slice(0, 3) };
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
  });
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
