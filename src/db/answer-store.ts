import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { respondentFactorMeans } from "../core/scoring";
import { moveAppreciation } from "./appreciation-store";
import { getInstrument } from "./instrument-store";
import type { Store } from "./open";
import { answers, comments, draftAnswers, drafts, invitations, responseFactors, responses, rounds } from "./schema";

/** Random row ids: storage order must not reveal the order in which people answered. */
function randomRowId(): number {
  return randomInt(1, 2 ** 47);
}

/**
 * Moves a draft into the anonymous tables and deletes it: after this, no row
 * anywhere says whose answers these were. The invitation only learns "done"
 * if the person finished (not for a partial draft flushed at close).
 * Returns false when there was nothing worth storing.
 */
export function storeAnonymously(tx: Store, roundId: string, personId: string, finished: boolean): boolean {
  const draft = tx
    .select()
    .from(drafts)
    .where(and(eq(drafts.roundId, roundId), eq(drafts.personId, personId)))
    .get();
  if (draft === undefined) return false;
  const inv = tx
    .select({ unitId: invitations.unitId })
    .from(invitations)
    .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
    .get();
  const given = tx
    .select({ itemId: draftAnswers.itemId, value: draftAnswers.value })
    .from(draftAnswers)
    .where(and(eq(draftAnswers.roundId, roundId), eq(draftAnswers.personId, personId)))
    .all()
    .filter((a): a is { itemId: string; value: number } => a.value !== null && a.value >= 1 && a.value <= 5);
  moveAppreciation(tx, roundId, personId, inv?.unitId ?? null);
  // Deleting the draft deletes its answers too (cascade): the link to the person ends here.
  tx.delete(drafts)
    .where(and(eq(drafts.roundId, roundId), eq(drafts.personId, personId)))
    .run();
  if (finished)
    tx.update(invitations)
      .set({ completed: true })
      .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
      .run();
  if (inv === undefined) return false;

  // A partial draft needs at least one answer; a finished one is stored even if every statement was skipped.
  if (given.length > 0 || finished) {
    const responseId = randomRowId();
    tx.insert(responses).values({ id: responseId, roundId, unitId: inv.unitId, finished }).run();
    for (const { itemId, value } of given)
      tx.insert(answers).values({ id: randomRowId(), responseId, itemId, value }).run();
    storeFactorMeans(tx, roundId, responseId, new Map(given.map((g) => [g.itemId, g.value])));
  }
  const text = draft.comment?.trim();
  if (text) tx.insert(comments).values({ id: randomRowId(), roundId, unitId: inv.unitId, text }).run();
  return true;
}

/** At close: every unfinished draft with at least one answer is stored; the rest are dropped. */
export function flushDrafts(tx: Store, roundId: string): number {
  const left = tx.select({ personId: drafts.personId }).from(drafts).where(eq(drafts.roundId, roundId)).all();
  let stored = 0;
  for (const d of left) if (storeAnonymously(tx, roundId, d.personId, false)) stored++;
  return stored;
}

/** Stores a response's factor means next to it, so reports need not re-read every answer. */
export function storeFactorMeans(
  tx: Store,
  roundId: string,
  responseId: number,
  given: ReadonlyMap<string, number>,
): void {
  const round = tx
    .select({ instrumentId: rounds.instrumentId, version: rounds.instrumentVersion, itemIds: rounds.itemIds })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .get();
  if (round === undefined || round.version === null) return;
  const { instrument } = getInstrument(tx, round.instrumentId, round.version);
  for (const f of respondentFactorMeans(instrument.factors, new Set(round.itemIds ?? []), given)) {
    tx.insert(responseFactors).values({ id: randomRowId(), responseId, factorId: f.factorId, mean: f.mean }).run();
  }
}
