import { randomInt } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Store } from "../db/open";
import { appreciations, comments, units } from "../db/schema";
import { subtreeUnitIds } from "../rounds/audience";
import { roundReports } from "./report";
import type { RoundReports } from "./report-types";

type Shown = { shown: true; comments: string[] } | { shown: false };

/**
 * A unit's comments (with its sub-units), only when the anonymity engine
 * lets them through: k or more who could have written one (who sent the
 * survey), and no remainder of 1..k−1 of them against the shown units below, in a
 * fresh random order every time, with no times: order must not hint at who
 * wrote what. DESIGN.md rule 7 limits who may read them: leaders, union and
 * safety reps, and HR.
 */
export function unitComments(store: Store, roundId: string, unitPath: string, k: number): Shown {
  return shownTexts(store, roundId, unitPath, k, comments);
}

/**
 * The answers to the appreciative question ("what has improved, and what
 * made it happen?"), under the very same rule as comments: everyone who sent
 * the survey in a unit under a plan reached that question, so the group that
 * could have written one is the comments' group.
 */
export function unitAppreciations(store: Store, roundId: string, unitPath: string, k: number): Shown {
  return shownTexts(store, roundId, unitPath, k, appreciations);
}

/** How many answered the appreciative question in a unit (with sub-units), where its texts may be shown; else null. */
export function appreciationCount(store: Store, roundId: string, reports: RoundReports, unitId: string): number | null {
  if (!reports.commentsShown.has(unitId)) return null;
  const row = store
    .select({ n: sql<number>`count(*)` })
    .from(appreciations)
    .where(and(eq(appreciations.roundId, roundId), inArray(appreciations.unitId, subtreeUnitIds(store, unitId))))
    .get();
  return row?.n ?? 0;
}

function shownTexts(
  store: Store,
  roundId: string,
  unitPath: string,
  k: number,
  table: typeof comments | typeof appreciations,
): Shown {
  const reports = roundReports(store, roundId, k, false);
  const unit = store.select({ id: units.id }).from(units).where(eq(units.path, unitPath)).get();
  if (unit === undefined || !reports.commentsShown.has(unit.id)) return { shown: false };
  const texts = store
    .select({ text: table.text })
    .from(table)
    .where(and(eq(table.roundId, roundId), inArray(table.unitId, subtreeUnitIds(store, unit.id))))
    .all()
    .map((c) => c.text);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [texts[i], texts[j]] = [texts[j] as string, texts[i] as string];
  }
  return { shown: true, comments: texts };
}
