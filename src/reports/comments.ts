import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Store } from "../db/open";
import { comments, units } from "../db/schema";
import { subtreeUnitIds } from "../rounds/audience";
import { roundReports } from "./report";

/**
 * A unit's comments (with its sub-units), only when the anonymity engine
 * lets them through: k or more who could have written one (who sent the
 * survey), and no remainder of 1..k−1 of them against the shown units below, in a
 * fresh random order every time, with no times: order must not hint at who
 * wrote what. DESIGN.md rule 7 limits who may read them: leaders, union and
 * safety reps, and HR.
 */
export function unitComments(
  store: Store,
  roundId: string,
  unitPath: string,
  k: number,
): { shown: true; comments: string[] } | { shown: false } {
  const reports = roundReports(store, roundId, k, false);
  const unit = store.select({ id: units.id }).from(units).where(eq(units.path, unitPath)).get();
  if (unit === undefined || !reports.commentsShown.has(unit.id)) return { shown: false };
  const texts = store
    .select({ text: comments.text })
    .from(comments)
    .where(and(eq(comments.roundId, roundId), inArray(comments.unitId, subtreeUnitIds(store, unit.id))))
    .all()
    .map((c) => c.text);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [texts[i], texts[j]] = [texts[j] as string, texts[i] as string];
  }
  return { shown: true, comments: texts };
}
