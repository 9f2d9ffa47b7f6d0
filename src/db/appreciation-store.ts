import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { cleanText } from "../core/clean-text";
import type { Store } from "./open";
import { prepared } from "./prepared";
import { appreciations, draftAppreciations } from "./schema";

/** Every submit asks whether the draft has one: prepared once per connection (prepared.ts). */
const draftAppreciationOf = (s: Store) =>
  s
    .select({ text: draftAppreciations.text })
    .from(draftAppreciations)
    .where(
      and(eq(draftAppreciations.roundId, sql.placeholder("r")), eq(draftAppreciations.personId, sql.placeholder("p"))),
    )
    .prepare();

/** As long as a comment may be. */
const MAX_LENGTH = 1000;

/** The appreciative answer while the person is answering: cleaned as plain text, held in their draft. */
export function setDraftAppreciation(tx: Store, roundId: string, personId: string, raw: string): void {
  const text = cleanText(raw, { multiline: true }).trim().slice(0, MAX_LENGTH);
  const where = and(eq(draftAppreciations.roundId, roundId), eq(draftAppreciations.personId, personId));
  tx.delete(draftAppreciations).where(where).run();
  if (text !== "") tx.insert(draftAppreciations).values({ roundId, personId, text }).run();
}

/**
 * With the draft's answers (src/db/answer-store.ts): the text moves to the
 * anonymous table under the answerer's unit, with a random id, and leaves
 * the draft. After this nothing says whose it was.
 */
export function moveAppreciation(tx: Store, roundId: string, personId: string, unitId: string | null): void {
  const draft = prepared(tx, draftAppreciationOf).get({ r: roundId, p: personId });
  if (draft === undefined) return;
  const where = and(eq(draftAppreciations.roundId, roundId), eq(draftAppreciations.personId, personId));
  tx.delete(draftAppreciations).where(where).run();
  if (unitId !== null)
    tx.insert(appreciations)
      .values({ id: randomInt(1, 2 ** 47), roundId, unitId, text: draft.text })
      .run();
}
