import { eq, inArray, sql } from "drizzle-orm";
import { type FocusKind, followUpItemId } from "../core/plan";
import type { Store } from "../db/open";
import { actionPlans, planFocusAreas, roundSnapshots, rounds } from "../db/schema";
import { previousRound, type RoundReports } from "./report";

export interface FollowUpResult {
  factorId: string;
  kind: FocusKind;
  /** Those who answered (skips excluded). */
  n: number;
  /** Shares 0–1. */
  better: number;
  same: number;
  worse: number;
}

/**
 * "Has it improved?" per focus area of each plan the previous round left,
 * for the plan's unit. Shown only where the unit's own report is shown and
 * at least k answered the question: the same group, the same rule.
 */
export function followUpResults(
  store: Store,
  roundId: string,
  reports: RoundReports,
  k: number,
): Map<string, FollowUpResult[]> {
  const out = new Map<string, FollowUpResult[]>();
  const stored = storedFollowUp(store, roundId, reports, k);
  if (stored !== null) return stored;
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined || round.openedAt === null) return out;
  const before = previousRound(store, round.seriesId, round.openedAt);
  if (before === null) return out;
  const plans = store
    .select({ id: actionPlans.id, unitId: actionPlans.unitId })
    .from(actionPlans)
    .where(eq(actionPlans.roundId, before))
    .all();
  if (plans.length === 0) return out;
  const areas = store
    .select()
    .from(planFocusAreas)
    .where(
      inArray(
        planFocusAreas.planId,
        plans.map((p) => p.id),
      ),
    )
    .all();
  const byItem = new Map(
    areas.map((a) => [
      followUpItemId(plans.find((p) => p.id === a.planId)!.unitId, a.factorId),
      { ...a, unitId: plans.find((p) => p.id === a.planId)!.unitId },
    ]),
  );
  if (byItem.size === 0) return out;
  const counts = store.all<{ item: string; value: number; n: number }>(sql`
    select a.item_id as item, a.value as value, count(*) as n
    from answers a join responses r on r.id = a.response_id
    where r.round_id = ${roundId} and a.item_id in (${sql.join(
      [...byItem.keys()].map((i) => sql`${i}`),
      sql`, `,
    )})
    group by a.item_id, a.value`);
  for (const [itemId, area] of byItem) {
    const report = reports.byUnit.get(area.unitId);
    if (report === undefined || report.suppressed) continue;
    const c = (v: number) => counts.find((x) => x.item === itemId && x.value === v)?.n ?? 0;
    const n = c(1) + c(2) + c(3);
    if (n < k) continue;
    const share = (x: number) => Math.round((x / n) * 100) / 100;
    out.set(area.unitId, [
      ...(out.get(area.unitId) ?? []),
      { factorId: area.factorId, kind: area.kind, n, better: share(c(3)), same: share(c(2)), worse: share(c(1)) },
    ]);
  }
  return out;
}

/**
 * A retained round's follow-up results, kept in its snapshot (src/reports/snapshot.ts): only for units whose
 * report is shown, and only those with at least k answers; null for any other round.
 */
function storedFollowUp(
  store: Store,
  roundId: string,
  reports: RoundReports,
  k: number,
): Map<string, FollowUpResult[]> | null {
  const snap = store
    .select({ followUp: roundSnapshots.followUp })
    .from(roundSnapshots)
    .where(eq(roundSnapshots.roundId, roundId))
    .get();
  if (snap === undefined) return null;
  const out = new Map<string, FollowUpResult[]>();
  // Written by takeSnapshot from followUpResults.
  for (const [unitId, results] of Object.entries(snap.followUp as Record<string, FollowUpResult[]>)) {
    const report = reports.byUnit.get(unitId);
    const shown = results.filter((r) => r.n >= k);
    if (report !== undefined && !report.suppressed && shown.length > 0) out.set(unitId, shown);
  }
  return out;
}
