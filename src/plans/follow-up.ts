import { eq } from "drizzle-orm";
import type { MeasureId } from "../core/ids";
import { followUpTimes, nextMonthlyNote } from "../core/plan";
import type { Store, Tx } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { actionPlans, measures, unitLeaders, units } from "../db/schema";
import { queueToPerson, queueToUnit } from "../jobs/address";
import { outboxKey } from "../jobs/keys";
import { enqueueJob, type JobHandlers, type JobKind } from "../jobs/queue";
import type { Platform } from "../jobs/sender";

const JOB_FOLLOW = "measure.follow" satisfies JobKind;
const JOB_MONTH = "plan.month" satisfies JobKind;
// Queued by earlier versions; still run so that stored jobs do what they promised.
const JOB_MEASURE_REMIND = "measure.remind" satisfies JobKind;
const JOB_MEASURE_ASK = "measure.ask" satisfies JobKind;

/**
 * A measure's follow-up for its deadline: reminders 7 and 1 days before (those
 * still ahead), the status question on the day, the escalation the day after.
 * Each job carries the deadline it was made for, so a new deadline schedules
 * a fresh set and the old one's jobs find nothing to do.
 */
export function scheduleFollowUp(tx: Store, measureId: MeasureId, deadline: Date, now: Date): void {
  for (const t of followUpTimes(deadline, now, orgTimeZone(tx))) {
    const days = t.step.step === "remind" ? t.step.days : undefined;
    const payload = { measureId, step: t.step.step, days, deadline: deadline.getTime() };
    enqueueJob(tx, { kind: JOB_FOLLOW, dueAt: t.at, payload }, now);
  }
}

/** The plan's monthly progress note from next month on (once per plan per month). */
export function scheduleMonthlyNote(tx: Store, planId: string, now: Date): void {
  const next = nextMonthlyNote(now, orgTimeZone(tx));
  enqueueJob(tx, { kind: JOB_MONTH, dueAt: next.at, payload: { planId, month: next.month } }, now);
}

function openMeasure(tx: Tx, measureId: string) {
  const m = tx.select().from(measures).where(eq(measures.id, measureId)).get();
  return m === undefined || m.status === "done" || m.responsibleId === null
    ? null
    : { ...m, responsibleId: m.responsibleId };
}

/** The leaders of the unit, or of the nearest unit above with leaders of its own: someone is always told. */
function leadersFor(tx: Tx, unitId: string): string[] {
  for (let at: string | null = unitId, hops = 0; at !== null && hops < 50; hops++) {
    const ids = tx
      .select({ id: unitLeaders.personId })
      .from(unitLeaders)
      .where(eq(unitLeaders.unitId, at))
      .all()
      .map((l) => l.id);
    if (ids.length > 0) return ids;
    at = tx.select({ p: units.parentId }).from(units).where(eq(units.id, at)).get()?.p ?? null;
  }
  return [];
}

interface Deps {
  now: () => Date;
  platforms: ReadonlySet<Platform>;
}

function follow(tx: Tx, deps: Deps, p: { measureId: string; step: string; days?: number; deadline: number }): void {
  const a = { platforms: deps.platforms, now: deps.now() };
  if (p.step === "escalate") {
    // Also when nobody is responsible any more (a forgotten person): then the leaders most need to know.
    const m = tx.select().from(measures).where(eq(measures.id, p.measureId)).get();
    if (m === undefined || m.status === "done" || m.deadline.getTime() !== p.deadline) return;
    const plan = tx.select().from(actionPlans).where(eq(actionPlans.id, m.planId)).get();
    if (plan === undefined) return;
    for (const leader of leadersFor(tx, plan.unitId)) {
      const key = outboxKey({ kind: "measure-escalate", measureId: m.id, personId: leader });
      queueToPerson(tx, leader, key, { kind: "measure_escalate", measureId: m.id }, a);
    }
    return;
  }
  const m = openMeasure(tx, p.measureId);
  if (m === null || m.deadline.getTime() !== p.deadline) return;
  const step = p.step === "remind" ? "remind" : "ask";
  const key = outboxKey({ kind: "measure-follow", measureId: m.id, step, days: p.days, deadline: p.deadline });
  const intent =
    step === "remind"
      ? { kind: "measure_remind" as const, measureId: m.id, days: p.days }
      : { kind: "measure_ask" as const, measureId: m.id };
  queueToPerson(tx, m.responsibleId, key, intent, a);
}

function monthly(tx: Tx, deps: Deps, planId: string, month: string): void {
  const plan = tx.select().from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (plan === undefined) return;
  const all = tx.select({ status: measures.status }).from(measures).where(eq(measures.planId, planId)).all();
  const now = deps.now();
  if (all.length > 0) {
    const keys = {
      channel: outboxKey({ kind: "plan-month", planId, month }),
      person: (personId: string) => outboxKey({ kind: "plan-month", planId, month, personId }),
    };
    queueToUnit(tx, plan.unitId, keys, { kind: "plan_monthly", planId, month }, { platforms: deps.platforms, now });
  }
  // Until every measure is done: a finished plan has nothing left to report.
  if (all.some((m) => m.status !== "done")) scheduleMonthlyNote(tx, planId, now);
}

/** The job kinds of the action-plan follow-up. A measure marked done is never chased. */
export function planJobHandlers(deps: Deps): JobHandlers {
  return {
    [JOB_FOLLOW]: (tx, p) => follow(tx, deps, p),
    [JOB_MONTH]: (tx, p) => monthly(tx, deps, p.planId, p.month),
    [JOB_MEASURE_REMIND]: (tx, { measureId }) => {
      const m = openMeasure(tx, measureId);
      if (m === null) return;
      const key = outboxKey({ kind: "measure-remind", measureId });
      const a = { platforms: deps.platforms, now: deps.now() };
      queueToPerson(tx, m.responsibleId, key, { kind: "measure_remind", measureId, days: 7 }, a);
    },
    [JOB_MEASURE_ASK]: (tx, { measureId, n }) => {
      const m = openMeasure(tx, measureId);
      if (m === null) return;
      const key = outboxKey({ kind: "measure-ask", measureId, n });
      queueToPerson(
        tx,
        m.responsibleId,
        key,
        { kind: "measure_ask", measureId },
        { platforms: deps.platforms, now: deps.now() },
      );
    },
  };
}

/** A status change goes to the unit's channel (or its leaders): the team sees its plan move. */
export function queueProgress(
  tx: Store,
  measureId: string,
  updateNo: number,
  platforms: ReadonlySet<Platform>,
  now: Date,
): number {
  const m = tx
    .select({ planId: measures.planId, unitId: actionPlans.unitId })
    .from(measures)
    .innerJoin(actionPlans, eq(actionPlans.id, measures.planId))
    .where(eq(measures.id, measureId))
    .get();
  if (m === undefined) return 0;
  const keys = {
    channel: outboxKey({ kind: "progress", measureId, updateNo }),
    person: (personId: string) => outboxKey({ kind: "progress", measureId, updateNo, personId }),
  };
  return queueToUnit(tx, m.unitId, keys, { kind: "plan_progress", measureId }, { platforms, now });
}
