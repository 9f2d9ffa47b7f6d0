import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { people } from "./organization";
import { rounds } from "./rounds";

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
    status: text("status", { enum: ["pending", "running", "done", "parked"] })
      .notNull()
      .default("pending"),
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
    platform: text("platform", { enum: ["slack", "teams", "webchat", "email", "sms"] }).notNull(),
    /** A person (DM) or a channel address on the platform. */
    personId: text("person_id").references(() => people.id, { onDelete: "cascade" }),
    channel: text("channel"),
    roundId: text("round_id").references(() => rounds.id),
    intent: text("intent", { mode: "json" }).$type<unknown>().notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "failed", "undeliverable", "cancelled"] })
      .notNull()
      .default("pending"),
    notBefore: integer("not_before", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    platformMessageId: text("platform_message_id"),
    /** A message already sent (its platform message id) that this one rewrites in place, e.g. at the close. */
    replaces: text("replaces"),
    reason: text("reason"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("outbox_key").on(t.key),
    index("outbox_due").on(t.state, t.notBefore),
    index("outbox_round").on(t.roundId),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Platform events already handled, by the platform's own event id: Slack
 * retries an event it thinks was not acknowledged, and the key makes the
 * second delivery a no-op.
 */
export const platformEvents = sqliteTable("platform_events", {
  key: text("key").primaryKey(),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
});
