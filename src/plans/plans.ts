import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { cleanText } from "../core/clean-text";
import { PulsenError } from "../core/errors";
import type { MeasureId, PlanId } from "../core/ids";
import {
  checkDeadline,
  checkFocusAreas,
  checkMeasureArea,
  type FocusArea,
  MEASURE_TEXT,
  type MeasureStatus,
  planProgress,
  type Progress,
} from "../core/plan";
import { newId } from "../db/ids";
import { getInstrument } from "../db/instrument-store";
import type { Db, Store, Tx } from "../db/open";
import { loadViewer } from "../db/viewer-store";
import type { Platform } from "../jobs/sender";
import { actionPlans, measures, measureUpdates, people, planFocusAreas, rounds, series, units } from "../db/schema";
import { queueProgress, scheduleFollowUp, scheduleMonthlyNote } from "./follow-up";

interface MeasureView {
  id: string;
  text: string;
  factorId: string | null;
  responsible: { id: string; name: string } | null;
  deadline: string;
  status: MeasureStatus;
  updatedAt: string;
}

export interface PlanView {
  id: string;
  round: string;
  series: string;
  unitId: string;
  unit: string;
  focus: FocusArea[];
  measures: MeasureView[];
  progress: Progress;
  updatedAt: string;
}

/** The factors a round asked about: the only possible focus areas of its plans. */
function roundFactorIds(store: Store, roundId: string): string[] {
  const r = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (r === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  const asked = new Set(r.itemIds ?? []);
  const { instrument } = getInstrument(store, r.instrumentId, r.instrumentVersion ?? undefined);
  return instrument.factors.filter((f) => f.items.some((i) => asked.has(i.id))).map((f) => f.id);
}

/** A unit's plan for a round, created on first use; plans follow closed rounds only. */
export function ensurePlan(tx: Tx, roundId: string, unitId: string, byPersonId: string | null, now: Date): PlanId {
  const existing = tx
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(and(eq(actionPlans.roundId, roundId), eq(actionPlans.unitId, unitId)))
    .get();
  if (existing) return existing.id as PlanId;
  const round = tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (round.status !== "closed") throw new PulsenError("conflict", { kind: "plan_waits_for_close" });
  const id = newId<PlanId>("plan");
  tx.insert(actionPlans).values({ id, roundId, unitId, createdBy: byPersonId, createdAt: now, updatedAt: now }).run();
  return id;
}

export function setFocusAreas(tx: Tx, planId: string, areas: readonly FocusArea[], now: Date): void {
  const plan = tx.select({ roundId: actionPlans.roundId }).from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (plan === undefined) throw new PulsenError("not_found", { kind: "plan_unknown" });
  const withMeasures = tx
    .select({ factorId: measures.factorId })
    .from(measures)
    .where(eq(measures.planId, planId))
    .all()
    .flatMap((m) => (m.factorId === null ? [] : [m.factorId]));
  const why = checkFocusAreas(areas, roundFactorIds(tx, plan.roundId), withMeasures);
  if (why !== null) throw new PulsenError("input_invalid", why);
  tx.delete(planFocusAreas).where(eq(planFocusAreas.planId, planId)).run();
  for (const a of areas) tx.insert(planFocusAreas).values({ planId, factorId: a.factorId, kind: a.kind }).run();
  tx.update(actionPlans).set({ updatedAt: now }).where(eq(actionPlans.id, planId)).run();
}

export interface NewMeasure {
  text: string;
  responsibleId: string;
  deadline: Date;
  /** A focus area of the plan (three measures each at most); null only for measures of older plans. */
  factorId: string | null;
}

/** Adds a measure and schedules its follow-up (a reminder a week before, the status question on the day). */
export function addMeasure(tx: Tx, planId: PlanId, m: NewMeasure, byPersonId: string | null, now: Date): MeasureId {
  const plan = tx.select({ roundId: actionPlans.roundId }).from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (plan === undefined) throw new PulsenError("not_found", { kind: "plan_unknown" });
  const text = cleanText(m.text).trim();
  if (text.length < MEASURE_TEXT.min || text.length > MEASURE_TEXT.max)
    throw new PulsenError("input_invalid", { kind: "measure_text_length", ...MEASURE_TEXT });
  const deadlineWhy = checkDeadline(m.deadline, now);
  if (deadlineWhy !== null) throw new PulsenError("input_invalid", deadlineWhy);
  if (m.factorId !== null) {
    if (!roundFactorIds(tx, plan.roundId).includes(m.factorId))
      throw new PulsenError("input_invalid", { kind: "focus_unknown_factor", factor: m.factorId });
    const focus = tx.select().from(planFocusAreas).where(eq(planFocusAreas.planId, planId)).all();
    const others = tx.select({ f: measures.factorId }).from(measures).where(eq(measures.planId, planId)).all();
    const areaWhy = checkMeasureArea(
      m.factorId,
      focus,
      others.map((o) => o.f),
    );
    if (areaWhy !== null) throw new PulsenError("input_invalid", areaWhy);
  }
  const who = tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, m.responsibleId), eq(people.active, true)))
    .get();
  if (who === undefined) throw new PulsenError("input_invalid", { kind: "responsible_not_active" });
  const id = newId<MeasureId>("measure");
  tx.insert(measures)
    .values({
      id,
      planId,
      factorId: m.factorId,
      text,
      responsibleId: m.responsibleId,
      deadline: m.deadline,
      status: "not_started",
      createdAt: now,
      updatedAt: now,
    })
    .run();
  tx.insert(measureUpdates).values({ measureId: id, status: "not_started", byPersonId, at: now }).run();
  tx.update(actionPlans).set({ updatedAt: now }).where(eq(actionPlans.id, planId)).run();
  scheduleFollowUp(tx, id, m.deadline, now);
  scheduleMonthlyNote(tx, planId, now);
  return id;
}

/** Records a status change in the follow-up log; false if it was already so. */
function setMeasureStatus(
  tx: Tx,
  measureId: string,
  status: MeasureStatus,
  byPersonId: string | null,
  now: Date,
): boolean {
  const m = tx.select().from(measures).where(eq(measures.id, measureId)).get();
  if (m === undefined) throw new PulsenError("not_found", { kind: "measure_unknown" });
  if (m.status === status) return false;
  tx.update(measures).set({ status, updatedAt: now }).where(eq(measures.id, measureId)).run();
  tx.insert(measureUpdates).values({ measureId, status, byPersonId, at: now }).run();
  tx.update(actionPlans).set({ updatedAt: now }).where(eq(actionPlans.id, m.planId)).run();
  return true;
}

function measureViews(store: Store, planIds: string[]): Map<string, MeasureView[]> {
  const out = new Map<string, MeasureView[]>();
  if (planIds.length === 0) return out;
  const rows = store
    .select({ m: measures, name: people.name })
    .from(measures)
    .leftJoin(people, eq(people.id, measures.responsibleId))
    .where(inArray(measures.planId, planIds))
    .orderBy(asc(measures.deadline), asc(measures.createdAt))
    .all();
  for (const { m, name } of rows) {
    const list = out.get(m.planId) ?? [];
    list.push({
      id: m.id,
      text: m.text,
      factorId: m.factorId,
      responsible: m.responsibleId && name !== null ? { id: m.responsibleId, name } : null,
      deadline: m.deadline.toISOString(),
      status: m.status,
      updatedAt: m.updatedAt.toISOString(),
    });
    out.set(m.planId, list);
  }
  return out;
}

/** Plans, newest round first: all of them, or those of the given units. */
export function listPlans(
  store: Store,
  now: Date,
  filter: { unitIds?: readonly string[]; roundId?: string } = {},
): PlanView[] {
  const conditions = [];
  if (filter.unitIds !== undefined) {
    if (filter.unitIds.length === 0) return [];
    conditions.push(inArray(actionPlans.unitId, [...filter.unitIds]));
  }
  if (filter.roundId !== undefined) conditions.push(eq(actionPlans.roundId, filter.roundId));
  const rows = store
    .select({ p: actionPlans, unit: units.path, seriesName: series.name })
    .from(actionPlans)
    .innerJoin(units, eq(units.id, actionPlans.unitId))
    .innerJoin(rounds, eq(rounds.id, actionPlans.roundId))
    .innerJoin(series, eq(series.id, rounds.seriesId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(rounds.closedAt), asc(units.path))
    .all();
  const ids = rows.map((r) => r.p.id);
  const focus =
    ids.length === 0 ? [] : store.select().from(planFocusAreas).where(inArray(planFocusAreas.planId, ids)).all();
  const ms = measureViews(store, ids);
  return rows.map(({ p, unit, seriesName }) => {
    const list = ms.get(p.id) ?? [];
    return {
      id: p.id,
      round: p.roundId,
      series: seriesName,
      unitId: p.unitId,
      unit,
      // Areas to improve first: they are what the measures are for.
      focus: focus
        .filter((f) => f.planId === p.id)
        .map((f) => ({ factorId: f.factorId, kind: f.kind }))
        .sort((a, b) => (a.kind === b.kind ? a.factorId.localeCompare(b.factorId) : a.kind === "improve" ? -1 : 1)),
      measures: list,
      progress: planProgress(
        list.map((m) => ({ status: m.status, deadline: new Date(m.deadline) })),
        now,
      ),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

export function findPlan(store: Store, roundId: string, unitId: string, now: Date): PlanView | null {
  return listPlans(store, now, { unitIds: [unitId], roundId })[0] ?? null;
}

/**
 * A status report from chat or the dashboard: allowed for the person
 * responsible and for those who may write the unit's plan. The change is
 * logged and, if it is one, posted to the unit's channel or leaders.
 */
export function reportMeasureStatus(
  db: Db,
  measureId: string,
  status: MeasureStatus,
  byPersonId: string,
  platforms: ReadonlySet<Platform>,
  now: Date,
): { changed: boolean } {
  const m = db
    .select({ responsibleId: measures.responsibleId, unitId: actionPlans.unitId })
    .from(measures)
    .innerJoin(actionPlans, eq(actionPlans.id, measures.planId))
    .where(eq(measures.id, measureId))
    .get();
  if (m === undefined) throw new PulsenError("not_found", { kind: "measure_unknown" });
  const viewer = loadViewer(db, byPersonId);
  if (m.responsibleId !== byPersonId && !(viewer?.access.plans.has(m.unitId) ?? false))
    throw new PulsenError("forbidden", { kind: "measure_not_yours" });
  return db.transaction((tx) => {
    if (!setMeasureStatus(tx, measureId, status, byPersonId, now)) return { changed: false };
    const n = tx
      .select({ id: measureUpdates.id })
      .from(measureUpdates)
      .where(eq(measureUpdates.measureId, measureId))
      .all().length;
    queueProgress(tx, measureId, n, platforms, now);
    return { changed: true };
  });
}
