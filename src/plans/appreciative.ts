import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/open";
import { actionPlans, rounds, units } from "../db/schema";
import type { Viewer } from "../db/viewer-store";
import { unitAppreciations } from "../reports/comments";
import { previousRound } from "../reports/report";

/** What a unit's readers see of the appreciative answers: hidden under rule 7, or the texts in random order. */
export type AppreciativeView = { shown: false } | { shown: true; answers: string[] };

/** Was the unit (or a unit above it) under a plan from the round before, so that this round asked? */
function asked(db: Db, roundId: string, unitId: string): boolean {
  const r = db.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (r === undefined || r.openedAt === null) return false;
  const before = previousRound(db, r.seriesId, r.openedAt);
  if (before === null) return false;
  const path: string[] = [];
  for (let at: string | null = unitId; at !== null && path.length < 50; ) {
    path.push(at);
    at = db.select({ p: units.parentId }).from(units).where(eq(units.id, at)).get()?.p ?? null;
  }
  const plan = db
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(and(eq(actionPlans.roundId, before), inArray(actionPlans.unitId, path)))
    .get();
  return plan !== undefined;
}

/**
 * The appreciative answers a closed round collected in a unit: null when the
 * viewer may not read them (DESIGN.md rule 7: the unit's leaders, reps and
 * HR) or the round did not ask; otherwise hidden or shown by comments' rule.
 */
export function appreciativeFor(
  db: Db,
  roundId: string,
  unitId: string,
  viewer: Viewer,
  k: number,
): AppreciativeView | null {
  if (!viewer.access.comments.has(unitId)) return null;
  const round = db.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (round?.status !== "closed" || !asked(db, roundId, unitId)) return null;
  const path = db.select({ path: units.path }).from(units).where(eq(units.id, unitId)).get()?.path;
  if (path === undefined) return null;
  const r = unitAppreciations(db, roundId, path, k);
  return r.shown ? { shown: true, answers: r.comments } : { shown: false };
}
