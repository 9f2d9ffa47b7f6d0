import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import { DateTime } from "luxon";
import { PulsenError } from "../core/errors";
import type { RoundId } from "../core/ids";
import { nextAllowed } from "../core/quiet-hours";
import { answerWindow, reminderTimes } from "../core/round";
import type { Store } from "../db/open";
import { orgTimeZone, personTimezone } from "../db/org-store";
import { invitations, outbox, people, rounds } from "../db/schema";
import { outboxKey } from "../jobs/keys";
import { enqueueMessage } from "../jobs/outbox-queue";

const DEFAULT_PLAN = {
  openDays: 0,
  reminderDays: [],
  maxReminders: 0,
  window: { start: 480, end: 1020, weekdaysOnly: true },
};

/**
 * A round-wide reminder: only to invitees who have not finished, are
 * reachable, have reminders left, and have not snoozed past now.
 * Each reminder's key carries its number, so it goes out once.
 */
export function sendReminders(
  tx: Store,
  roundId: RoundId,
  index: number,
  now: Date,
  /**
   * HR's "Remind now" on this day (YYYY-MM-DD): on top of the plan's reminders, so it uses none of them
   * up; snoozes, answers and reach still count.
   */
  o: { manualDay?: string } = {},
): number {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined || !answerWindow(round, now).open) return 0;
  const plan = round.plan ?? DEFAULT_PLAN;
  const tz = orgTimeZone(tx);
  const due = tx
    .select({ personId: invitations.personId, sent: invitations.remindersSent, timezone: personTimezone })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(
      and(
        eq(invitations.roundId, roundId),
        eq(invitations.completed, false),
        isNull(invitations.undeliverable),
        o.manualDay !== undefined ? undefined : lt(invitations.remindersSent, plan.maxReminders),
        or(isNull(invitations.snoozedUntil), lt(invitations.snoozedUntil, now)),
        or(isNull(invitations.movedReminder), ne(invitations.movedReminder, index)),
      ),
    )
    .all();
  let queued = 0;
  for (const inv of due) {
    const platform = invitePlatform(tx, roundId, inv.personId);
    if (platform === null) continue;
    const n = inv.sent + 1;
    const notBefore = nextAllowed(now, inv.timezone ?? tz, plan.window);
    if (notBefore.getTime() >= (round.closesAt?.getTime() ?? Infinity)) continue; // would land after the close
    const personId = inv.personId;
    const key =
      o.manualDay === undefined
        ? outboxKey({ kind: "remind", roundId, personId, n })
        : outboxKey({ kind: "remind-now", roundId, personId, day: o.manualDay });
    const intent = { kind: "remind" as const, roundId, n };
    if (!enqueueMessage(tx, { key, platform, personId, roundId, intent, notBefore }, now)) continue;
    queued++;
    if (o.manualDay === undefined) {
      tx.update(invitations)
        .set({ remindersSent: n })
        .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, inv.personId)))
        .run();
    }
  }
  return queued;
}

/** The platform the invitation went out on: reminders follow it. */
function invitePlatform(tx: Store, roundId: string, personId: string) {
  return (
    tx
      .select({ platform: outbox.platform })
      .from(outbox)
      .where(eq(outbox.key, outboxKey({ kind: "invite", roundId, personId })))
      .get()?.platform ?? null
  );
}

/**
 * "Remind me tomorrow": the person's next reminder moves to the start of
 * tomorrow's send window in their own zone (it counts as one of the reminders).
 */
export function snooze(tx: Store, roundId: string, personId: string, now: Date): Date {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", "no such round");
  if (!answerWindow(round, now).open) throw new PulsenError("conflict", "the round is closed");
  const inv = tx
    .select({ sent: invitations.remindersSent, completed: invitations.completed, timezone: personTimezone })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
    .get();
  if (inv === undefined) throw new PulsenError("forbidden", "not invited to this round");
  const plan = round.plan ?? DEFAULT_PLAN;
  const orgZone = orgTimeZone(tx);
  const zone = inv.timezone ?? orgZone;
  const tomorrow = DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).startOf("day").toJSDate();
  const until = nextAllowed(tomorrow, zone, plan.window);
  // The next round-wide reminder still ahead is the one this snooze replaces.
  const upcoming = round.openedAt
    ? reminderTimes(round.openedAt, plan.reminderDays, plan.openDays, orgZone).findIndex(
        (t) => t.getTime() > now.getTime(),
      )
    : -1;
  tx.update(invitations)
    .set({ snoozedUntil: until, movedReminder: upcoming === -1 ? null : upcoming + 1 })
    .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
    .run();
  const platform = invitePlatform(tx, roundId, personId);
  if (
    !inv.completed &&
    platform !== null &&
    inv.sent < plan.maxReminders &&
    until.getTime() < (round.closesAt?.getTime() ?? Infinity)
  ) {
    const n = inv.sent + 1;
    const key = outboxKey({ kind: "remind", roundId, personId, n });
    const intent = { kind: "remind" as const, roundId, n };
    const queued = enqueueMessage(tx, { key, platform, personId, roundId, intent, notBefore: until }, now);
    if (queued)
      tx.update(invitations)
        .set({ remindersSent: n })
        .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
        .run();
  }
  return until;
}
