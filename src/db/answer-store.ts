import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { respondentFactorMeans } from "../core/scoring";
import { tallyAttributes } from "./attribute-tallies";
import { moveAppreciation } from "./appreciation-store";
import { getInstrument } from "./instrument-store";
import type { Store } from "./open";
import { prepared } from "./prepared";
import { answers, comments, draftAnswers, drafts, invitations, responseFactors, responses, rounds } from "./schema";

/** Random row ids: storage order must not reveal the order in which people answered. */
function randomRowId(): number {
  return randomInt(1, 2 ** 47);
}

// Every submit runs these: prepared once per connection (prepared.ts), with placeholders for what varies.
const r = sql.placeholder("r");
const p = sql.placeholder("p");
const draftOf = (s: Store) =>
  s
    .select({ comment: drafts.comment })
    .from(drafts)
    .where(and(eq(drafts.roundId, r), eq(drafts.personId, p)))
    .prepare();
const unitAtOpen = (s: Store) =>
  s
    .select({ unitId: invitations.unitId })
    .from(invitations)
    .where(and(eq(invitations.roundId, r), eq(invitations.personId, p)))
    .prepare();
const givenOf = (s: Store) =>
  s
    .select({ itemId: draftAnswers.itemId, value: draftAnswers.value })
    .from(draftAnswers)
    .where(and(eq(draftAnswers.roundId, r), eq(draftAnswers.personId, p)))
    .prepare();
const deleteDraft = (s: Store) =>
  s
    .delete(drafts)
    .where(and(eq(drafts.roundId, r), eq(drafts.personId, p)))
    .prepare();
const markCompleted = (s: Store) =>
  s
    .update(invitations)
    .set({ completed: true })
    .where(and(eq(invitations.roundId, r), eq(invitations.personId, p)))
    .prepare();
const insertResponse = (s: Store) =>
  s
    .insert(responses)
    .values({ id: sql.placeholder("id"), roundId: r, unitId: sql.placeholder("u"), finished: sql.placeholder("f") })
    .prepare();
const insertAnswer = (s: Store) =>
  s
    .insert(answers)
    .values({
      responseId: sql.placeholder("rid"),
      itemId: sql.placeholder("i"),
      value: sql.placeholder("v"),
    })
    .prepare();
const insertComment = (s: Store) =>
  s
    .insert(comments)
    .values({ id: sql.placeholder("id"), roundId: r, unitId: sql.placeholder("u"), text: sql.placeholder("t") })
    .prepare();
const roundInstrument = (s: Store) =>
  s
    .select({ instrumentId: rounds.instrumentId, version: rounds.instrumentVersion, itemIds: rounds.itemIds })
    .from(rounds)
    .where(eq(rounds.id, r))
    .prepare();
const insertFactorMean = (s: Store) =>
  s
    .insert(responseFactors)
    .values({
      responseId: sql.placeholder("rid"),
      factorId: sql.placeholder("f"),
      mean: sql.placeholder("m"),
    })
    .prepare();

/**
 * Moves a draft into the anonymous tables and deletes it: after this, no row
 * anywhere says whose answers these were. The invitation only learns "done"
 * if the person finished (not for a partial draft flushed at close).
 * Returns false when there was nothing worth storing. Inside a transaction,
 * pass the Db it was opened on where speed matters (a tap): its statements
 * are then prepared once (prepared.ts).
 */
export function storeAnonymously(tx: Store, roundId: string, personId: string, finished: boolean): boolean {
  const key = { r: roundId, p: personId };
  const draft = prepared(tx, draftOf).get(key);
  if (draft === undefined) return false;
  const inv = prepared(tx, unitAtOpen).get(key);
  const given = prepared(tx, givenOf)
    .all(key)
    .filter((a): a is { itemId: string; value: number } => a.value !== null && a.value >= 1 && a.value <= 5);
  moveAppreciation(tx, roundId, personId, inv?.unitId ?? null);
  // Deleting the draft deletes its answers too (cascade): the link to the person ends here.
  prepared(tx, deleteDraft).run(key);
  if (finished) prepared(tx, markCompleted).run(key);
  if (inv === undefined) return false;

  // A partial draft needs at least one answer; a finished one is stored even if every statement was skipped.
  if (given.length > 0 || finished) {
    const responseId = randomRowId();
    prepared(tx, insertResponse).run({ id: responseId, r: roundId, u: inv.unitId, f: finished });
    const insert = prepared(tx, insertAnswer);
    for (const { itemId, value } of given) insert.run({ rid: responseId, i: itemId, v: value });
    const values = new Map(given.map((g) => [g.itemId, g.value]));
    storeFactorMeans(tx, roundId, responseId, values);
    tallyAttributes(tx, roundId, personId, values);
  }
  const text = draft.comment?.trim();
  if (text) prepared(tx, insertComment).run({ id: randomRowId(), r: roundId, u: inv.unitId, t: text });
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
  const round = prepared(tx, roundInstrument).get({ r: roundId });
  if (round === undefined || round.version === null) return;
  const { instrument } = getInstrument(tx, round.instrumentId, round.version);
  const insert = prepared(tx, insertFactorMean);
  for (const f of respondentFactorMeans(instrument.factors, new Set(round.itemIds ?? []), given)) {
    insert.run({ rid: responseId, f: f.factorId, m: f.mean });
  }
}
