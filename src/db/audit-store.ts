import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { PersonId } from "../core/ids";
import type { Db, Store } from "./open";
import { auditLog, people } from "./schema";

/** Every HR action the audit log knows. */
const AUDIT_ACTIONS = [
  "org.import",
  "org.export",
  "instrument.add",
  "series.create",
  "series.edit",
  "series.pause",
  "series.resume",
  "round.open",
  "round.close",
  "round.remind",
  "round.extend",
  "person.forget",
  "backup",
  "retention.apply",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a signed-in person in the web app, whoever ran the command line on the server, or a daily job. */
export type AuditActor = { via: "cli" } | { via: "scheduler" } | { via: "web"; personId: PersonId };

/** Counts, ids and dates: never a name, an e-mail, an answer or a comment. */
const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetails = z.infer<typeof detailsSchema>;

export function recordAudit(
  store: Store,
  actor: AuditActor,
  action: AuditAction,
  subject: string | null,
  details: AuditDetails,
  now: Date,
): void {
  const actorId = actor.via === "web" ? actor.personId : null;
  store.insert(auditLog).values({ at: now, actorId, via: actor.via, action, subject, details }).run();
}

export interface AuditEntry {
  at: Date;
  /** The person's name now; "" for the command line, and for someone forgotten since. */
  who: string;
  via: "cli" | "web" | "scheduler";
  /** One of AUDIT_ACTIONS (a newer version's action reads as written). */
  action: string;
  subject: string | null;
  details: AuditDetails;
}

/** Newest first. */
export function listAudit(db: Db, limit = 200): AuditEntry[] {
  return db
    .select({ e: auditLog, name: people.name })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all()
    .map(({ e, name }) => ({
      at: e.at,
      who: name ?? "",
      via: e.via,
      action: e.action,
      subject: e.subject,
      details: detailsSchema.catch({}).parse(e.details),
    }));
}
