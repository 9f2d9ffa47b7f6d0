import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { PulsenError } from "../core/errors";
import type { MeasureId } from "../core/ids";
import { checkDeadline } from "../core/plan";
import type { Db } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { actionPlans, measures } from "../db/schema";
import { loadViewer } from "../db/viewer-store";
import { scheduleFollowUp } from "./follow-up";

/** A day as YYYY-MM-DD → that day at 09:00 in the organization's zone, when the status question arrives. */
export function deadlineOnDay(db: Db, day: string): Date {
  const d = DateTime.fromISO(day, { zone: orgTimeZone(db) });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new PulsenError("input_invalid", { kind: "deadline_not_date" });
  return d.set({ hour: 9 }).toJSDate();
}

/**
 * "Need more time": the person responsible (or one who writes the unit's
 * plan) moves a measure's deadline. The reminders and the status question
 * follow the new day; the old ones find the deadline changed and stay quiet.
 * An escalation already sent is not sent again.
 */
export function moveMeasureDeadline(
  db: Db,
  measureId: string,
  day: string,
  byPersonId: string,
  now: Date,
): { deadline: Date; changed: boolean } {
  const m = db
    .select({ m: measures, unitId: actionPlans.unitId })
    .from(measures)
    .innerJoin(actionPlans, eq(actionPlans.id, measures.planId))
    .where(eq(measures.id, measureId))
    .get();
  if (m === undefined) throw new PulsenError("not_found", { kind: "measure_unknown" });
  const viewer = loadViewer(db, byPersonId);
  if (m.m.responsibleId !== byPersonId && !(viewer?.access.plans.has(m.unitId) ?? false))
    throw new PulsenError("forbidden", { kind: "measure_not_yours" });
  if (m.m.status === "done") throw new PulsenError("conflict", { kind: "measure_done" });
  const deadline = deadlineOnDay(db, day);
  const why = checkDeadline(deadline, now);
  if (why !== null) throw new PulsenError("input_invalid", why);
  if (deadline.getTime() === m.m.deadline.getTime()) return { deadline, changed: false };
  db.transaction((tx) => {
    tx.update(measures).set({ deadline, updatedAt: now }).where(eq(measures.id, measureId)).run();
    tx.update(actionPlans).set({ updatedAt: now }).where(eq(actionPlans.id, m.m.planId)).run();
    scheduleFollowUp(tx, measureId as MeasureId, deadline, now);
  });
  return { deadline, changed: true };
}
