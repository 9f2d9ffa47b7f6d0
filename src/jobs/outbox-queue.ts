import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Store } from "../db/open";
import { invitations, outbox } from "../db/schema";
import { type Intent, parseIntent } from "./intent";
import { outboxKey } from "./keys";
import type { Platform } from "./sender";

/*
 * What is queued in the outbox: messages added (at most once per key), recorded as sent by an adapter,
 * rewritten at the close, cancelled, counted. Sending them is the drainer's job (outbox.ts).
 */

export interface NewMessage {
  key: string;
  platform: Platform;
  personId?: string;
  channel?: string;
  roundId?: string;
  intent: Intent;
  notBefore: Date;
  /** A sent message's platform id: this one updates it in place (no notification, no send window). */
  replaces?: string;
}

/** Queues a message unless its key is already queued; true if queued now. */
export function enqueueMessage(store: Store, m: NewMessage, now: Date): boolean {
  const r = store
    .insert(outbox)
    .values({
      key: m.key,
      platform: m.platform,
      personId: m.personId ?? null,
      channel: m.channel ?? null,
      roundId: m.roundId ?? null,
      intent: m.intent,
      notBefore: m.notBefore,
      replaces: m.replaces ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  return r.changes > 0;
}

/** Records a message a platform adapter posted itself (not through the outbox), as sent. */
export function recordSentMessage(
  store: Store,
  m: { key: string; platform: Platform; personId: string; roundId: string; intent: Intent; messageId: string },
  now: Date,
): void {
  store
    .insert(outbox)
    .values({
      key: m.key,
      platform: m.platform,
      personId: m.personId,
      roundId: m.roundId,
      intent: m.intent,
      notBefore: now,
      createdAt: now,
      state: "sent",
      platformMessageId: m.messageId,
      sentAt: now,
    })
    .onConflictDoNothing()
    .run();
}

/**
 * At the close: every invitation, reminder and survey message sent to someone
 * who had not sent their answers is rewritten in place to say the round has
 * closed, so no live Start button is left behind.
 */
export function queueClosedNotices(store: Store, roundId: string, now: Date): number {
  const sent = store
    .select({
      key: outbox.key,
      platform: outbox.platform,
      personId: outbox.personId,
      messageId: outbox.platformMessageId,
      intent: outbox.intent,
    })
    .from(outbox)
    .innerJoin(invitations, and(eq(invitations.roundId, outbox.roundId), eq(invitations.personId, outbox.personId)))
    .where(and(eq(outbox.roundId, roundId), eq(outbox.state, "sent"), eq(invitations.completed, false)))
    .all();
  let queued = 0;
  for (const m of sent) {
    // A sent row whose intent no longer parses was not an invitation this version knows: nothing to rewrite.
    const parsed = parseIntent(m.intent);
    const kind = parsed.ok ? parsed.intent.kind : null;
    if ((kind !== "invite" && kind !== "remind") || m.personId === null || m.messageId === null) continue;
    // A minute after the close, so that the leaders' digests go out first.
    const notBefore = new Date(now.getTime() + 60_000);
    const key = outboxKey({ kind: "closed", of: m.key });
    const intent: Intent = { kind: "closed", roundId };
    const { platform, personId, messageId } = m;
    const closed: NewMessage = { key, platform, personId, roundId, intent, notBefore, replaces: messageId };
    if (enqueueMessage(store, closed, now)) queued++;
  }
  return queued;
}

/** Cancels a round's queued messages (at close, nothing more goes out for it). */
export function cancelRoundMessages(store: Store, roundId: string, reason: string): number {
  return store
    .update(outbox)
    .set({ state: "cancelled", reason })
    .where(and(eq(outbox.roundId, roundId), inArray(outbox.state, ["pending"])))
    .run().changes;
}

export function outboxCounts(db: Db): Record<string, number> {
  const rows = db.select({ state: outbox.state, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.state).all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
