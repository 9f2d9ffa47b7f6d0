import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What HR did, for HR to read (DESIGN.md, the HR console): who, what, when.
 * Never an answer, a comment or a figure below k. The actor is a person id
 * (its name is looked up when read, so `person forget` leaves no name here),
 * or null for the command line.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id"),
    /** "cli", "web", or "scheduler" for a daily job (retention). */
    via: text("via", { enum: ["cli", "web", "scheduler"] }).notNull(),
    action: text("action").notNull(),
    /** What it was done to: a round, series or unit id, a file name. */
    subject: text("subject"),
    /** Counts and dates only (parsed with zod when read). */
    details: text("details", { mode: "json" }).notNull(),
  },
  (t) => [index("audit_at").on(t.at)],
);
