import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { FOCUS_KINDS, MEASURE_STATUSES } from "../../core/plan";
import { createdAt } from "./columns";
import { people, units } from "./organization";
import { rounds } from "./rounds";

/**
 * Action plans: one per unit per round. They speak of units and factors,
 * never of anyone's answers.
 */
export const actionPlans = sqliteTable(
  "action_plans",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("action_plans_round_unit").on(t.roundId, t.unitId)],
);

export const planFocusAreas = sqliteTable(
  "plan_focus_areas",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    factorId: text("factor_id").notNull(),
    kind: text("kind", { enum: FOCUS_KINDS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.factorId] })],
);

export const measures = sqliteTable(
  "measures",
  {
    id: text("id").primaryKey(),
    planId: text("plan_id")
      .notNull()
      .references(() => actionPlans.id, { onDelete: "cascade" }),
    /** The focus area it serves, if any. */
    factorId: text("factor_id"),
    text: text("text").notNull(),
    /** Kept when the person is forgotten: the measure stays, without a name. */
    responsibleId: text("responsible_id").references(() => people.id, { onDelete: "set null" }),
    deadline: integer("deadline", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("not_started"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("measures_plan").on(t.planId), index("measures_responsible").on(t.responsibleId)],
);

/** The follow-up log: every status change, who made it and when. */
export const measureUpdates = sqliteTable(
  "measure_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    measureId: text("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    status: text("status", { enum: MEASURE_STATUSES }).notNull(),
    byPersonId: text("by_person_id").references(() => people.id, { onDelete: "set null" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("measure_updates_measure").on(t.measureId)],
);

export type ActionPlanRow = typeof actionPlans.$inferSelect;
export type MeasureRow = typeof measures.$inferSelect;
