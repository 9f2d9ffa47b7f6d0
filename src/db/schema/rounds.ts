import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { organizations, people, units } from "./organization";

/** A pulse series (pulsmåling): what is asked, of whom, how often. */
export const series = sqliteTable("series", {
  id: text("id").primaryKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => organizations.id),
  name: text("name").notNull(),
  instrumentId: text("instrument_id").notNull(),
  /** null: every statement each round; n: a rotating subset of n statements. */
  itemsPerRound: integer("items_per_round"),
  /** null: the whole organization; else this unit and its sub-units. */
  audienceUnitId: text("audience_unit_id").references(() => units.id),
  cadence: text("cadence").notNull(),
  openDays: integer("open_days").notNull(),
  reminderDays: text("reminder_days", { mode: "json" }).$type<number[]>().notNull(),
  maxReminders: integer("max_reminders").notNull(),
  windowStart: integer("window_start").notNull(),
  windowEnd: integer("window_end").notNull(),
  weekdaysOnly: integer("weekdays_only", { mode: "boolean" }).notNull(),
  status: text("status", { enum: ["active", "paused"] }).notNull(),
  createdAt: createdAt(),
});

/** One instance of a series. The audience is snapshotted into invitations at open. */
export const rounds = sqliteTable(
  "rounds",
  {
    id: text("id").primaryKey(),
    seriesId: text("series_id")
      .notNull()
      .references(() => series.id),
    /** 1, 2, 3… within the series, given at open; drives the rotating subset. */
    number: integer("number"),
    /** For a scheduled round: when the series' cadence opens it. */
    scheduledFor: integer("scheduled_for", { mode: "timestamp_ms" }),
    instrumentId: text("instrument_id").notNull(),
    /** Pinned at open, with the statements asked. */
    instrumentVersion: integer("instrument_version"),
    itemIds: text("item_ids", { mode: "json" }).$type<string[]>(),
    status: text("status", { enum: ["scheduled", "open", "closed"] }).notNull(),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /** The reminder plan and send window as they were when the round opened. */
    plan: text("plan", { mode: "json" }).$type<RoundPlan>(),
    /** HR's last "Remind now": at most one a day. */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rounds_series_number").on(t.seriesId, t.number), index("rounds_status").on(t.status)],
);

export interface RoundPlan {
  openDays: number;
  reminderDays: number[];
  maxReminders: number;
  window: { start: number; end: number; weekdaysOnly: boolean };
}

/**
 * Who was invited to a round, in which unit, and whether they finished.
 * Deliberately no time of completion: with it, the order of completions could
 * be matched against anything else ordered in time.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The unit at open; later org changes never move a past answer. */
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    completed: integer("completed", { mode: "boolean" }).notNull().default(false),
    remindersSent: integer("reminders_sent").notNull().default(0),
    snoozedUntil: integer("snoozed_until", { mode: "timestamp_ms" }),
    /** The round-wide reminder (1, 2, …) a snooze replaced for this person. */
    movedReminder: integer("moved_reminder"),
    /** Why nobody could reach them, for HR's list; null while reachable. */
    undeliverable: text("undeliverable"),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.personId] }),
    index("invitations_unit").on(t.roundId, t.unitId),
    index("invitations_person").on(t.personId),
  ],
);

/**
 * What `person forget` leaves of someone's invitations: how many were invited
 * in each unit of each round, with no one named, so that no count of a past
 * round changes when a person is forgotten (DESIGN.md rule 6).
 */
export const forgottenInvitations = sqliteTable(
  "forgotten_invitations",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    count: integer("count").notNull(),
    /** Of those, how many the round could not reach: that count does not change either. */
    unreachable: integer("unreachable").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

export type SeriesRow = typeof series.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

/** An imported external benchmark: a factor's score (0–100) elsewhere, e.g. a national figure. */
export const benchmarks = sqliteTable(
  "benchmarks",
  {
    instrumentId: text("instrument_id").notNull(),
    factorId: text("factor_id").notNull(),
    value: real("value").notNull(),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.factorId, t.label] })],
);

/**
 * A closed round's results as the anonymity engine let them through, kept when
 * retention deletes its answers and comments: every figure in it was already
 * shown to someone (n ≥ k, complementary suppression applied), and it names
 * no one. Reports of the round are read from here from then on.
 */
export const roundSnapshots = sqliteTable("round_snapshots", {
  roundId: text("round_id")
    .primaryKey()
    .references(() => rounds.id),
  /** The k the figures were decided with: a larger k later hides more, never shows more. */
  k: integer("k").notNull(),
  takenAt: integer("taken_at", { mode: "timestamp_ms" }).notNull(),
  /** unitId → that unit's report without trends (trends are computed when read, as for any round). */
  reports: text("reports", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** unitId → the follow-up questions' results shown for it. */
  followUp: text("follow_up", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** The organization's driver rows that passed the k rule (factor, n, r), or null: none were computed. */
  drivers: text("drivers", { mode: "json" }).$type<unknown[] | null>(),
});
