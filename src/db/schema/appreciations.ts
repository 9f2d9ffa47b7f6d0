import { foreignKey, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { drafts } from "./answers";
import { units } from "./organization";
import { rounds } from "./rounds";

/**
 * Answers to the appreciative question ("what has improved, and what made it
 * happen?") that the round after a plan asks once. Kept like comments and
 * apart from them: a random id, the round and the answerer's unit, the text;
 * no person, no response, no time.
 */
export const appreciations = sqliteTable(
  "appreciations",
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
  (t) => [index("appreciations_round_unit").on(t.roundId, t.unitId)],
);

/** The text while the person is still answering: part of their draft, gone with it. */
export const draftAppreciations = sqliteTable(
  "draft_appreciations",
  {
    roundId: text("round_id").notNull(),
    personId: text("person_id").notNull(),
    text: text("text").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.personId] }),
    foreignKey({ columns: [t.roundId, t.personId], foreignColumns: [drafts.roundId, drafts.personId] }).onDelete(
      "cascade",
    ),
  ],
);
