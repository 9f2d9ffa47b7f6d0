import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { people } from "./organization";
import { rounds } from "./rounds";

/**
 * Dashboard sign-in. Only hashes of tokens are stored, so a copy of the
 * database cannot be used to sign in. Neither table knows anything about
 * answers: a session says who is looking, never what anyone answered.
 */
export const signInLinks = sqliteTable("sign_in_links", {
  tokenHash: text("token_hash").primaryKey(),
  personId: text("person_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  /** A link works once; a second click asks for a new one. */
  usedAt: integer("used_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

export const webSessions = sqliteTable(
  "web_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** How the person proved who they are. */
    via: text("via", { enum: ["link", "teams", "demo"] }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("web_sessions_person").on(t.personId)],
);

export type WebSessionRow = typeof webSessions.$inferSelect;

/**
 * Personal links to one round's web surface, for people invited by e-mail or SMS. Like a password,
 * only the hash is kept; a link works for its person and its round, and only while the round is open.
 * It says who was invited, as an invitation does, and nothing about what they answered.
 */
export const surveyLinks = sqliteTable(
  "survey_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("survey_links_person").on(t.personId, t.roundId)],
);

/**
 * What a person chose on the dashboard for themselves (the language switch). Their own choice, so it outlives
 * an organization import that would rewrite the CSV's language; gone with the person.
 */
export const dashboardPreferences = sqliteTable("dashboard_preferences", {
  personId: text("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  locale: text("locale", { enum: ["nb", "nn", "en"] }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
