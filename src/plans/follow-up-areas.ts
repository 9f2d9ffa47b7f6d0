import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { type FocusKind, followUpItemId } from "../core/plan";
import type { Db } from "../db/open";
import { prepared } from "../db/prepared";
import { actionPlans, planFocusAreas, type RoundRow, rounds, units } from "../db/schema";

const previousClosed = (db: Db) =>
  db
    .select({ id: rounds.id })
    .from(rounds)
    .where(
      and(
        eq(rounds.seriesId, sql.placeholder("s")),
        eq(rounds.status, "closed"),
        lt(rounds.openedAt, sql.placeholder("at")),
      ),
    )
    .orderBy(desc(rounds.openedAt))
    .limit(1)
    .prepare();
const parentOf = (db: Db) =>
  db
    .select({ parentId: units.parentId })
    .from(units)
    .where(eq(units.id, sql.placeholder("id")))
    .prepare();

export interface FollowUpArea {
  /** The pseudo-statement id the answer is stored under. */
  itemId: string;
  planUnitId: string;
  unitPath: string;
  factorId: string;
  kind: FocusKind;
}

/**
 * What the round after a plan asks a person about: every focus area of the
 * plans that the previous round of the same series left for their unit and
 * the units above it. Everyone below a plan's unit is asked about it, so its
 * answers come from exactly the group the unit's report covers: publishing
 * them tells nothing about any smaller group.
 */
export function followUpAreas(store: Db, round: RoundRow, unitId: string): FollowUpArea[] {
  if (round.openedAt === null) return [];
  // Every tap asks this: the same query as reports' previousRound, prepared once.
  const before = prepared(store, previousClosed).get({ s: round.seriesId, at: round.openedAt.getTime() })?.id ?? null;
  if (before === null) return [];
  const path: string[] = [];
  for (let at: string | null = unitId; at !== null && path.length < 50; ) {
    path.push(at);
    at = prepared(store, parentOf).get({ id: at })?.parentId ?? null;
  }
  const plans = store
    .select({ planId: actionPlans.id, unitId: actionPlans.unitId, path: units.path })
    .from(actionPlans)
    .innerJoin(units, eq(units.id, actionPlans.unitId))
    .where(and(eq(actionPlans.roundId, before), inArray(actionPlans.unitId, path)))
    .all()
    // The person's own unit first, then outwards.
    .sort((a, b) => path.indexOf(a.unitId) - path.indexOf(b.unitId));
  if (plans.length === 0) return [];
  const areas = store
    .select()
    .from(planFocusAreas)
    .where(
      inArray(
        planFocusAreas.planId,
        plans.map((p) => p.planId),
      ),
    )
    .all();
  return plans.flatMap((p) =>
    areas
      .filter((a) => a.planId === p.planId)
      .sort((a, b) => (a.kind === b.kind ? a.factorId.localeCompare(b.factorId) : a.kind === "improve" ? -1 : 1))
      .map((a) => ({
        itemId: followUpItemId(p.unitId, a.factorId),
        planUnitId: p.unitId,
        unitPath: p.path,
        factorId: a.factorId,
        kind: a.kind,
      })),
  );
}
