import { eq, sql } from "drizzle-orm";
import type { PersonId } from "../core/ids";
import type { Clock } from "../core/clock";
import type { Db } from "./open";
import { prepared } from "./prepared";
import { people, platformEvents, teamsReferences } from "./schema";

/** What the platforms tell us about people: accounts, conversations, and events already seen. */

const bySlack = (db: Db) =>
  db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.slackUserId, sql.placeholder("id")))
    .prepare();
const byTeams = (db: Db) =>
  db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.teamsAadObjectId, sql.placeholder("id")))
    .prepare();

/** The one lookup of a platform account: Slack's user id, or Teams' AAD object id (stored lower-case). */
export function personByPlatformId(db: Db, platform: "slack" | "teams", id: string): PersonId | null {
  const row =
    platform === "slack" ? prepared(db, bySlack).get({ id }) : prepared(db, byTeams).get({ id: id.toLowerCase() });
  return row === undefined ? null : (row.id as PersonId);
}

/** True the first time an event key is seen: platforms redeliver what they think was missed. */
export function firstDelivery(db: Db, clock: Clock, key: string): boolean {
  return db.insert(platformEvents).values({ key, receivedAt: clock.now() }).onConflictDoNothing().run().changes > 0;
}

export function teamsReference(db: Db, personId: PersonId): Record<string, unknown> | null {
  const row = db.select({ reference: teamsReferences.reference }).from(teamsReferences);
  return row.where(eq(teamsReferences.personId, personId)).get()?.reference ?? null;
}

export function anyTeamsReference(db: Db): Record<string, unknown> | null {
  return db.select({ reference: teamsReferences.reference }).from(teamsReferences).limit(1).get()?.reference ?? null;
}

const storedReference = (db: Db) =>
  db
    .select({ reference: teamsReferences.reference })
    .from(teamsReferences)
    .where(eq(teamsReferences.personId, sql.placeholder("p")))
    .prepare();

/** The reference without the id of the activity it came with, which differs on every tap. */
function sameConversation(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { activityId: _a, ...x } = a;
  const { activityId: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}

/**
 * Whether remembering this reference would change nothing: every Teams tap brings it again, and a read
 * needs no write lock (the tap's path skips the write queue when this holds).
 */
export function teamsReferenceKnown(
  db: Db,
  personId: PersonId,
  reference: Record<string, unknown>,
  mode: "replace" | "keep",
): boolean {
  const known = prepared(db, storedReference).get({ p: personId })?.reference;
  return known !== undefined && (mode === "keep" || sameConversation(known, reference));
}

export function rememberTeamsReference(
  db: Db,
  clock: Clock,
  personId: PersonId,
  reference: Record<string, unknown>,
  mode: "replace" | "keep",
): void {
  if (teamsReferenceKnown(db, personId, reference, mode)) return;
  prepared(db, mode === "keep" ? keepReference : replaceReference).run({
    p: personId,
    ref: reference,
    at: clock.now(),
  });
}

// A person's first Teams tap writes their reference: built once, not per tap (drizzle's builder is most of it).
const newReference = (db: Db) =>
  db.insert(teamsReferences).values({
    personId: sql.placeholder("p"),
    reference: sql.placeholder("ref"),
    updatedAt: sql.placeholder("at"),
  });
const keepReference = (db: Db) => newReference(db).onConflictDoNothing().prepare();
const replaceReference = (db: Db) =>
  newReference(db)
    .onConflictDoUpdate({
      target: teamsReferences.personId,
      set: { reference: sql`excluded.reference`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare();
