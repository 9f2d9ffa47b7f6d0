import { eq } from "drizzle-orm";
import type { MeasureId } from "../core/ids";
import { followUpTimes } from "../core/plan";
import type { Store, Tx } from "../db/open";
import { actionPlans, measures } from "../db/schema";
import { queueToPerson, queueToUnit } from "../jobs/address";
import { outboxKey } from "../jobs/keys";
import { enqueueJob, type JobHandlers, type JobKind } from "../jobs/queue";
import type { Platform } from "../jobs/sender";

const JOB_MEASURE_REMIND = "measure.remind" satisfies JobKind;
const JOB_MEASURE_ASK = "measure.ask" satisfies JobKind;

const DAY = 86_400_000;
/** After the deadline, the status question comes back weekly this many times, then the leader's channel knows it is overdue. */
const MAX_ASKS = 4;

/** A new measure's follow-up: a reminder a week ahead, and the status question on the deadline. */
export function scheduleFollowUp(tx: Store, measureId: MeasureId, deadline: Date, now: Date): void {
  const t = followUpTimes(deadline, now);
  if (t.remindAt) enqueueJob(tx, { kind: JOB_MEASURE_REMIND, dueAt: t.remindAt, payload: { measureId } }, now);
  enqueueJob(tx, { kind: JOB_MEASURE_ASK, dueAt: t.askAt, payload: { measureId, n: 1 } }, now);
}

function openMeasure(tx: Tx, measureId: string) {
  const m = tx.select().from(measures).where(eq(measures.id, measureId)).get();
  return m === undefined || m.status === "done" || m.responsibleId === null
    ? null
    : { ...m, responsibleId: m.responsibleId };
}

/** The job kinds of the action-plan follow-up. A measure marked done is never chased. */
export function planJobHandlers(deps: { now: () => Date; platforms: ReadonlySet<Platform> }): JobHandlers {
  return {
    [JOB_MEASURE_REMIND]: (tx, { measureId }) => {
      const m = openMeasure(tx, measureId);
      if (m === null) return;
      const key = outboxKey({ kind: "measure-remind", measureId });
      const a = { platforms: deps.platforms, now: deps.now() };
      queueToPerson(tx, m.responsibleId, key, { kind: "measure_remind", measureId }, a);
    },
    [JOB_MEASURE_ASK]: (tx, { measureId, n }) => {
      const m = openMeasure(tx, measureId);
      if (m === null) return;
      const now = deps.now();
      const key = outboxKey({ kind: "measure-ask", measureId, n });
      queueToPerson(tx, m.responsibleId, key, { kind: "measure_ask", measureId }, { platforms: deps.platforms, now });
      const next = new Date(now.getTime() + 7 * DAY);
      if (n < MAX_ASKS) enqueueJob(tx, { kind: JOB_MEASURE_ASK, dueAt: next, payload: { measureId, n: n + 1 } }, now);
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
