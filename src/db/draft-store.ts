import { and, eq } from "drizzle-orm";
import type { Step } from "../core/survey-steps";
import type { Store } from "./open";
import { draftAnswers, drafts, type DraftRow } from "./schema";

/**
 * An unfinished survey: the one place a person and their answers meet, until
 * they send it (DESIGN.md rule 2). Answers may be changed here; once stored
 * anonymously (answer-store.ts) they cannot be.
 */
export class DraftStore {
  constructor(
    private readonly db: Store,
    private readonly roundId: string,
    private readonly personId: string,
  ) {}

  private where() {
    return and(eq(drafts.roundId, this.roundId), eq(drafts.personId, this.personId));
  }

  get(): DraftRow | undefined {
    return this.db.select().from(drafts).where(this.where()).get();
  }

  /** Starts a draft unless one exists. */
  ensure(): DraftRow {
    this.db
      .insert(drafts)
      .values({ roundId: this.roundId, personId: this.personId, comment: null })
      .onConflictDoNothing()
      .run();
    return this.get() as DraftRow;
  }

  /** The statements and questions answered (or skipped) so far: ids only, never values. */
  answered(): Set<string> {
    const rows = this.db
      .select({ itemId: draftAnswers.itemId })
      .from(draftAnswers)
      .where(and(eq(draftAnswers.roundId, this.roundId), eq(draftAnswers.personId, this.personId)))
      .all();
    return new Set(rows.map((r) => r.itemId));
  }

  /** Sets (or, after Back, changes) one answer; null is a skip. */
  answer(itemId: string, value: number | null): void {
    this.db
      .insert(draftAnswers)
      .values({ roundId: this.roundId, personId: this.personId, itemId, value })
      .onConflictDoUpdate({
        target: [draftAnswers.roundId, draftAnswers.personId, draftAnswers.itemId],
        set: { value },
      })
      .run();
  }

  /** What is on the person's screen now, and since when. */
  show(step: Step, at: Date): void {
    this.db.update(drafts).set({ step, shownAt: at }).where(this.where()).run();
  }

  setComment(text: string): void {
    this.db.update(drafts).set({ comment: text }).where(this.where()).run();
  }
}
