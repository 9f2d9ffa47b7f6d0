import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Intent } from "../jobs/sender";
import { isOverdue } from "../core/plan";
import type { Db } from "../db/open";
import { personSettings } from "../db/person-settings";
import { actionPlans } from "../db/schema";
import { findPlan } from "../plans/plans";
import { catalogs, formatDate } from "./catalog";
import type { BotMessage } from "./message";

/**
 * A plan's monthly progress note for the unit's channel (or its leaders):
 * how many measures are done, in progress and overdue, and each measure's
 * text, status and deadline. No names: the unit sees its plan move.
 */
export function monthlyNote(
  db: Db,
  now: Date,
  intent: Extract<Intent, { kind: "plan_monthly" }>,
  personId: string | null,
): BotMessage | null {
  const p = db.select().from(actionPlans).where(eq(actionPlans.id, intent.planId)).get();
  if (p === undefined) return null;
  const plan = findPlan(db, p.roundId, p.unitId, now);
  if (plan === null || plan.measures.length === 0) return null;
  const { locale, timezone } = personSettings(db, personId);
  const t = catalogs[locale];
  const month = DateTime.fromFormat(intent.month, "yyyy-MM", { zone: timezone })
    .setLocale(locale === "en" ? "en-GB" : locale)
    .toFormat("LLLL yyyy");
  const title = t.planMonthTitle(plan.unit, month);
  const rows = plan.measures.map((m) => {
    const overdue = isOverdue({ status: m.status, deadline: new Date(m.deadline) }, now);
    const status = overdue ? `${t.measureStatus[m.status]} (${t.measureOverdue})` : t.measureStatus[m.status];
    return [m.text, status, formatDate(new Date(m.deadline), locale, timezone)];
  });
  const { done, inProgress, overdue, total } = plan.progress;
  return {
    ref: `plan:${plan.id}:month:${intent.month}`,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: t.planMonthSummary(done, inProgress, overdue, total) },
      { type: "table", columns: [...t.planMonthColumns], rows },
    ],
    summary: title,
  };
}
