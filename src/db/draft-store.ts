import { and, eq, sql } from "drizzle-orm";
import type { Step } from "../core/survey-steps";
import type { Db } from "./open";
import { prepared } from "./prepared";
import { draftAnswers, drafts, type DraftRow } from "./schema";

const r = sql.placeholder("r");
const p = sql.placeholder("p");
const mine = and(eq(drafts.roundId, r), eq(drafts.personId, p));
const getDraft = (db: Db) => db.select().from(drafts).where(mine).prepare();
const startDraft = (db: Db) =>
  db.insert(drafts).values({ roundId: r, personId: p, comment: null }).onConflictDoNothing().prepare();
const answeredIds = (db: Db) =>
  db
    .select({ itemId: draftAnswers.itemId })
    .from(draftAnswers)
    .where(and(eq(draftAnswers.roundId, r), eq(draftAnswers.personId, p)))
    .prepare();
const setAnswer = (db: Db) =>
  db
    .insert(draftAnswers)
    .values({ roundId: r, personId: p, itemId: sql.placeholder("i"), value: sql.placeholder("v") })
    .onConflictDoUpdate({
      target: [draftAnswers.roundId, draftAnswers.personId, draftAnswers.itemId],
      set: { value: sql`excluded.value` },
    })
    .prepare();
const showStep = (db: Db) =>
  db
    .update(drafts)
    // Placeholders in a SET are sent as given: `at` goes as the column stores it (epoch ms).
    .set({ step: sql`${sql.placeholder("step")}`, shownAt: sql`${sql.placeholder("at")}` })
    .where(mine)
    .prepare();

/**
 * An unfinished survey: the one place a person and their answers meet, until
 * they send it (DESIGN.md rule 2). Answers may be changed here; once stored
 * anonymously (answer-store.ts) they cannot be. Every tap runs these, so they
 * are prepared once per connection (prepared.ts); inside a transaction of the
 * same connection they take part in it.
 */
export class DraftStore {
  private readonly key: { r: string; p: string };
  constructor(
    private readonly db: Db,
    roundId: string,
    personId: string,
  ) {
    this.key = { r: roundId, p: personId };
  }

  get(): DraftRow | undefined {
    return prepared(this.db, getDraft).get(this.key);
  }

  /** Starts a draft unless one exists. */
  ensure(): DraftRow {
    const found = this.get();
    if (found !== undefined) return found;
    prepared(this.db, startDraft).run(this.key);
    return this.get() as DraftRow;
  }

  /** The statements and questions answered (or skipped) so far: ids only, never values. */
  answered(): Set<string> {
    return new Set(
      prepared(this.db, answeredIds)
        .all(this.key)
        .map((a) => a.itemId),
    );
  }

  /** Sets (or, after Back, changes) one answer; null is a skip. */
  answer(itemId: string, value: number | null): void {
    prepared(this.db, setAnswer).run({ ...this.key, i: itemId, v: value });
  }

  /** What is on the person's screen now, and since when. */
  show(step: Step, at: Date): void {
    prepared(this.db, showStep).run({ ...this.key, step, at: at.getTime() });
  }

  setComment(text: string): void {
    const { r: roundId, p: personId } = this.key;
    this.db
      .update(drafts)
      .set({ comment: text })
      .where(and(eq(drafts.roundId, roundId), eq(drafts.personId, personId)))
      .run();
  }
}
