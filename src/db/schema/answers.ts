import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { people, units } from "./organization";
import { rounds } from "./rounds";

/**
 * The one place a person and their answers meet: an unfinished survey.
 * Deleted the moment it is submitted (or, with at least one answer, moved to
 * the anonymous tables when the round closes). DESIGN.md rules 1–2.
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
    /** itemId → 1..5, or null for a skip. */
    answers: text("answers", { mode: "json" }).$type<Record<string, number | null>>().notNull(),
    stage: text("stage", { enum: ["questions", "comment"] }).notNull(),
    comment: text("comment"),
    /** The platform message being updated in place, to find it again after days. */
    messageRef: text("message_ref"),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.personId] })],
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
  },
  (t) => [index("responses_round_unit").on(t.roundId, t.unitId)],
);

/** One answered statement; a skipped one has no row. */
export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    value: integer("value").notNull(),
  },
  (t) => [uniqueIndex("answers_response_item").on(t.responseId, t.itemId), index("answers_item").on(t.itemId)],
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
