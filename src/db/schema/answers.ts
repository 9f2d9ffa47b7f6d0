import { foreignKey, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { people, units } from "./organization";
import { rounds } from "./rounds";

/**
 * The one place a person and their answers meet: an unfinished survey.
 * Deleted the moment it is submitted (or, with at least one answer, moved to
 * the anonymous tables when the round closes). DESIGN.md rules 1–2.
 * The draft tables, answers and response_factors are WITHOUT ROWID (migrations 0020–0021, which drizzle
 * cannot express): a migration that rebuilds one must keep it (tests/db/clustered-tables.test.ts).
 */
export const drafts = sqliteTable(
  "drafts",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    comment: text("comment"),
    /** The step on the person's screen: a statement or follow-up id, or "_comment" for the comment form. */
    step: text("step"),
    /** When that step was shown: a tap on it a moment later is the second half of a double tap. */
    shownAt: integer("shown_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.personId] })],
);

/**
 * A draft's answers, one row per statement. The primary key makes a second
 * tap on the same statement (a double click, a replayed payload) a no-op.
 */
export const draftAnswers = sqliteTable(
  "draft_answers",
  {
    roundId: text("round_id").notNull(),
    personId: text("person_id").notNull(),
    itemId: text("item_id").notNull(),
    /** 1..5, or null for a skip. */
    value: integer("value"),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.personId, t.itemId] }),
    foreignKey({ columns: [t.roundId, t.personId], foreignColumns: [drafts.roundId, drafts.personId] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * Anonymous responses: a random id (random, not increasing, so storage order
 * tells nothing about who answered when), the round and the unit at open.
 * No person, no platform id, no message id, no time.
 */
export const responses = sqliteTable(
  "responses",
  {
    id: integer("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    /**
     * Sent by the person (true), or an unfinished survey stored at the close (false). Only those who
     * sent it reached the comment step: comments are counted against them (DESIGN.md rule 7).
     */
    finished: integer("finished", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("responses_round_unit").on(t.roundId, t.unitId)],
);

/**
 * One answered statement; a skipped one has no row. Kept with its response (a WITHOUT ROWID table keyed
 * by the response's random id, migration 0021): a submit writes one page here, not one per statement,
 * and the order on disk is the random ids' order, as before.
 */
export const answers = sqliteTable(
  "answers",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: integer("value").notNull(),
  },
  // No index by statement alone: every report reads a round's answers through its responses.
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] })],
);

/**
 * Open-question comments, kept apart from the responses: a comment that names
 * its writer must not expose that writer's answers too.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    text: text("text").notNull(),
  },
  (t) => [index("comments_round_unit").on(t.roundId, t.unitId)],
);

export type DraftRow = typeof drafts.$inferSelect;
export type ResponseRow = typeof responses.$inferSelect;

/**
 * A response's own factor means (reverse-scored statements flipped, at least
 * half the factor's statements answered), computed when it is stored so that
 * reports aggregate one row per respondent and factor instead of every answer.
 * Kept with its response, like answers.
 */
export const responseFactors = sqliteTable(
  "response_factors",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    factorId: text("factor_id").notNull(),
    mean: real("mean").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.factorId] })],
);
