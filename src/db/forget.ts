import { eq, or, sql } from "drizzle-orm";
import type { Store } from "./open";
import { forgottenInvitations, invitations, people, webchatMessages, auditLog } from "./schema";

/** What stands where a forgotten person's name or email was, as for a measure with no one responsible. */
const REDACTED = "–";

/**
 * The right to be forgotten: the person's row goes, and with it (cascades)
 * leadership, roles, invitations, an unfinished draft, queued messages, chat
 * history, the Teams conversation reference and dashboard sessions; plans
 * keep their measures with no one responsible (set null). What the cascades
 * cannot reach is other people's web chat history, where a plan's progress
 * message named them: their name and email are blanked out there.
 * Their invitations become anonymous tallies (forgotten_invitations), so
 * no round's invited count changes. Returns false if nobody has that email.
 */
export function forgetPerson(tx: Store, email: string): boolean {
  // Past rounds keep their counts: each invitation leaves a tally of its round and unit, naming no one.
  const invited = tx
    .select({ roundId: invitations.roundId, unitId: invitations.unitId, undeliverable: invitations.undeliverable })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(eq(people.email, email))
    .all();
  for (const i of invited) {
    const unreachable = i.undeliverable === null ? 0 : 1;
    tx.insert(forgottenInvitations)
      .values({ roundId: i.roundId, unitId: i.unitId, count: 1, unreachable })
      .onConflictDoUpdate({
        target: [forgottenInvitations.roundId, forgottenInvitations.unitId],
        set: {
          count: sql`${forgottenInvitations.count} + 1`,
          unreachable: sql`${forgottenInvitations.unreachable} + ${unreachable}`,
        },
      })
      .run();
  }
  // The audit log keeps what was done, not by whom: the id would still point at the person.
  const ids = tx.select({ id: people.id }).from(people).where(eq(people.email, email)).all();
  for (const { id } of ids) tx.update(auditLog).set({ actorId: null }).where(eq(auditLog.actorId, id)).run();
  const gone = tx
    .delete(people)
    .where(eq(people.email, email))
    .returning({ name: people.name, email: people.email })
    .all();
  if (gone.length === 0) return false;
  const words = [
    ...new Set(
      gone
        .flatMap((p) => [p.email, p.name])
        .map((w) => w.trim())
        .filter((w) => w !== ""),
    ),
  ];
  // Stored as JSON text: look for each word as JSON writes it inside a string.
  const mentions = words.map((w) => sql`instr(${webchatMessages.message}, ${JSON.stringify(w).slice(1, -1)}) > 0`);
  const rows = tx
    .select({ id: webchatMessages.id, message: webchatMessages.message })
    .from(webchatMessages)
    .where(or(...mentions))
    .all();
  for (const row of rows) {
    tx.update(webchatMessages)
      .set({ message: redact(row.message, words) })
      .where(eq(webchatMessages.id, row.id))
      .run();
  }
  return true;
}

/**
 * Every string in a JSON value with the words blanked out wherever they occur
 * (also inside a longer word: "no byte of the name" is the promise); keys and
 * structure stay as they are, so the message still renders.
 */
function redact(value: unknown, words: readonly string[]): unknown {
  if (typeof value === "string") return words.reduce((s, w) => s.split(w).join(REDACTED), value);
  if (Array.isArray(value)) return value.map((v) => redact(v, words));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, words)]));
  }
  return value;
}
