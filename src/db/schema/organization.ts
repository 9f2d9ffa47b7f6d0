import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from "../../core/locale";
import { createdAt } from "./columns";

/** One installation: one Slack workspace and/or one Microsoft 365 tenant. */
export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  defaultLocale: text("default_locale", { enum: ["nb", "nn", "en"] })
    .notNull()
    .default(DEFAULT_LOCALE),
  defaultTimezone: text("default_timezone").notNull().default(DEFAULT_TIME_ZONE),
  /** The seeded demo (Fjordvik kommune): only it may have the "look as anyone" picker (DESIGN.md rule 9). */
  demo: integer("demo", { mode: "boolean" }).notNull().default(false),
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
    /** E.164, for SMS invitations. */
    phone: text("phone"),
    /** How the person is invited; null: automatic (chat where they have it, else e-mail, else SMS). */
    channel: text("channel", { enum: ["slack", "teams", "email", "sms"] }),
    /** null: the organization's default. */
    locale: text("locale", { enum: ["nb", "nn", "en"] }),
    timezone: text("timezone"),
    /** From the chat platform's profile, used when the CSV leaves locale or time zone empty. */
    profileLocale: text("profile_locale", { enum: ["nb", "nn", "en"] }),
    profileTimezone: text("profile_timezone"),
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

/** Where a unit's leader digests and plan follow-ups go, per platform. */
export const unitChannels = sqliteTable(
  "unit_channels",
  {
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: ["slack", "teams"] }).notNull(),
    channel: text("channel").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.platform] })],
);

/**
 * How to reach a person in Teams proactively: the conversation reference
 * captured when they installed the app or wrote to it.
 */
export const teamsReferences = sqliteTable("teams_references", {
  personId: text("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  reference: text("reference", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
