import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Store } from "../db/open";
import { comments, units } from "../db/schema";
import { subtreeUnitIds } from "../rounds/audience";
import { roundReports } from "./report";

/**
 * A unit's comments (with its sub-units), only when the unit's report is
 * shown (k or more responses, not hidden to protect another group), in a
 * fresh random order every time, with no times: order must not hint at who
 * wrote what. DESIGN.md rule 7 limits who may read them: leaders, union and
 * safety reps, and HR.
 */
export function unitComments(store: Store, roundId: string, unitPath: string, k: number): { shown: true; comments: string[] } | { shown: false } {
  const report = roundReports(store, roundId, k).byPath.get(unitPath);
  const unit = store.select({ id: units.id }).from(units).where(eq(units.path, unitPath)).get();
  if (report === undefined || unit === undefined || report.suppressed) return { shown: false };
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
