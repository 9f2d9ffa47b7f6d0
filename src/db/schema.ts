import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The database is the truth. Anonymity (DESIGN.md) is a property of this
 * schema: tables about people (people, invitations, later) and tables about
 * answers (responses, answers, later) share no column that could join them.
 * No table here may ever reference both a person and an answer.
 */

const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();

/** One installation: one Slack workspace and/or one Microsoft 365 tenant. */
export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  defaultLocale: text("default_locale", { enum: ["nb", "nn", "en"] }).notNull().default("nb"),
  defaultTimezone: text("default_timezone").notNull().default("Europe/Oslo"),
  createdAt: createdAt(),
});

/** The org tree; the organization's top unit has no parent. */
export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    parentId: text("parent_id").references((): AnySQLiteColumn => units.id),
    name: text("name").notNull(),
    /** Full path, "Org > Division > Unit": the unit's name in CSV, CLI and reports. */
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("units_org_path").on(t.orgId, t.path), index("units_parent").on(t.parentId)],
);

/** A human with platform identities. Never referenced by an answer. */
export const people = sqliteTable(
  "people",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    slackUserId: text("slack_user_id"),
    teamsAadObjectId: text("teams_aad_object_id"),
    /** null: the organization's default. */
    locale: text("locale", { enum: ["nb", "nn", "en"] }),
    timezone: text("timezone"),
    /** false once a re-import no longer lists them; kept for past rounds' counts. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("people_org_email").on(t.orgId, t.email),
    uniqueIndex("people_slack").on(t.slackUserId).where(sql`${t.slackUserId} is not null`),
    uniqueIndex("people_teams").on(t.teamsAadObjectId).where(sql`${t.teamsAadObjectId} is not null`),
    index("people_unit").on(t.unitId),
  ],
);

export const unitLeaders = sqliteTable(
  "unit_leaders",
  {
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.personId] }), index("unit_leaders_person").on(t.personId)],
);

export const personRoles = sqliteTable(
  "person_roles",
  {
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["hr", "union_rep", "safety_rep"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] })],
);

/**
 * Every instrument version ever used, built-in or custom, as validated JSON.
 * A round refers to (id, version), so a past round keeps its statements.
 */
export const instruments = sqliteTable(
  "instruments",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    source: text("source", { enum: ["builtin", "custom"] }).notNull(),
    definition: text("definition", { mode: "json" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;

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
  (t) => [primaryKey({ columns: [t.roundId, t.personId] }), index("invitations_unit").on(t.roundId, t.unitId), index("invitations_person").on(t.personId)],
);

/**
 * Durable timers. node-cron only ticks; this table says what is due.
 * A claimed job holds a lease; its database work commits in the same
 * transaction that marks it done, so a crash re-runs it, never doubles it.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    status: text("status", { enum: ["pending", "running", "done", "parked"] }).notNull().default("pending"),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("jobs_key").on(t.idempotencyKey), index("jobs_due").on(t.status, t.dueAt)],
);

/**
 * Every outbound chat message, keyed round:person:kind[:n]. The key makes a
 * second enqueue a no-op; the state makes a restart resume, not repeat.
 * Holds what to say (an intent), never an answer.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    platform: text("platform", { enum: ["slack", "teams", "webchat"] }).notNull(),
    /** A person (DM) or a channel address on the platform. */
    personId: text("person_id").references(() => people.id, { onDelete: "cascade" }),
    channel: text("channel"),
    roundId: text("round_id").references(() => rounds.id),
    intent: text("intent", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "undeliverable", "cancelled"] }).notNull().default("pending"),
    notBefore: integer("not_before", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    platformMessageId: text("platform_message_id"),
    reason: text("reason"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("outbox_key").on(t.key), index("outbox_due").on(t.state, t.notBefore), index("outbox_round").on(t.roundId)],
);

export type SeriesRow = typeof series.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

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

/**
 * The local web chat's message history (demo and preview only): what the
 * bot showed each person, exactly like a chat platform keeps it. Bot
 * messages never contain an answer's value, so neither does this.
 */
export const webchatMessages = sqliteTable(
  "webchat_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    message: text("message", { mode: "json" }).notNull(),
    /** The outbox key it was sent under, so a restart can ask "did this go out?". */
    outboxKey: text("outbox_key"),
    createdAt: createdAt(),
  },
  (t) => [index("webchat_person").on(t.personId), uniqueIndex("webchat_outbox_key").on(t.outboxKey)],
);
