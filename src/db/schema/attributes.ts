import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { people } from "./organization";
import { rounds } from "./rounds";

/**
 * Background variables (attributes) from the org CSV's `attr:NAME` columns: HR-supplied facts about a
 * person, for organization-level breakdowns only (DESIGN.md rule 8). Gone with the person (forget).
 */
export const personAttributes = sqliteTable(
  "person_attributes",
  {
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** "attribute_value": not an answer's value (tests look for a person_id beside a "value" column). */
    value: text("attribute_value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.name] })],
);

/**
 * The attribute values of each invited person as they were when the round opened, so that a roster edit
 * during the round does not move a response into another cell than its invitation. Only values held by
 * enough invited people to ever be shown are kept. Deleted when the round closes (and with the person):
 * after the close nothing ties a person to the round's attribute cells.
 */
export const invitationAttributes = sqliteTable(
  "invitation_attributes",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** "attribute_value": not an answer's value (tests look for a person_id beside a "value" column). */
    value: text("attribute_value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.personId, t.name] }),
    index("invitation_attributes_person").on(t.personId),
  ],
);

/**
 * One attribute cell of a round: how many were invited with this value at open (a snapshot: later roster
 * edits and `person forget` never change it) and how many responses came from them. Counts only.
 */
export const attributeCells = sqliteTable(
  "attribute_cells",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    name: text("name").notNull(),
    value: text("value").notNull(),
    invited: integer("invited").notNull(),
    responses: integer("responses").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.name, t.value] })],
);

/**
 * A cell's factor results as running sums, added to in the transaction that stores a response: no row per
 * respondent, so there is no response id, unit, person or order to match against the anonymous
 * responses, and no answer vector to compare with theirs. Deleted by retention, like answers.
 */
export const attributeFactorTallies = sqliteTable(
  "attribute_factor_tallies",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    name: text("name").notNull(),
    value: text("value").notNull(),
    factorId: text("factor_id").notNull(),
    /** Respondents with a factor score (at least half the factor's statements answered), and their means' sum. */
    respondents: integer("respondents").notNull().default(0),
    meanSum: real("mean_sum").notNull().default(0),
    /** The factor's answers pooled, 1..5 (reverse-scored statements flipped): the favorable share. */
    c1: integer("c1").notNull().default(0),
    c2: integer("c2").notNull().default(0),
    c3: integer("c3").notNull().default(0),
    c4: integer("c4").notNull().default(0),
    c5: integer("c5").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.name, t.value, t.factorId] })],
);

/**
 * Where a cell's invited people were at open: invited per unit, for cells that could ever be shown. Roster
 * counts only, never a response: the breakdown needs them to see a cell nested in a unit (all of a value's
 * people in one department) or a unit inside a cell, where one shown figure minus the other would be a
 * smaller group's (src/core/attribute-suppression.ts).
 */
export const attributeCellUnits = sqliteTable(
  "attribute_cell_units",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    name: text("name").notNull(),
    value: text("value").notNull(),
    unitId: text("unit_id").notNull(),
    invited: integer("invited").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.name, t.value, t.unitId] })],
);

export type AttributeCellRow = typeof attributeCells.$inferSelect;
export type AttributeFactorTallyRow = typeof attributeFactorTallies.$inferSelect;
