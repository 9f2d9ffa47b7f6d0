import { and, eq, max } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import type { RoundId } from "../core/ids";
import { nextAllowed } from "../core/quiet-hours";
import { addDays, closesAt, reminderTimes, rotateItems } from "../core/round";
import { snapshotAttributes } from "../db/attribute-tallies";
import { getInstrument } from "../db/instrument-store";
import { newId } from "../db/ids";
import type { Store } from "../db/open";
import { getOrganization } from "../db/org-store";
import { invitations, rounds, type RoundPlan, type SeriesRow } from "../db/schema";
import { enqueueMessage } from "../jobs/outbox-queue";
import { outboxKey } from "../jobs/keys";
import { type JobKind, enqueueJob } from "../jobs/queue";
import { routeFor } from "../jobs/routing";
import type { Platform } from "../jobs/sender";
import { audience } from "./audience";
import { JOB_NUDGE } from "./nudge";

export const JOB_REMIND = "round.remind" satisfies JobKind;
export const JOB_CLOSE = "round.close" satisfies JobKind;

export interface OpenDeps {
  platforms: ReadonlySet<Platform>;
}

/**
 * Opens a round now: pins the instrument version and statements, snapshots
 * the audience into invitations, queues one invitation per person (held to
 * their send window) and puts reminders and the close on the calendar.
 * Synchronous, for one transaction: all of it happens, or none.
 */
export function openRound(tx: Store, s: SeriesRow, roundId: RoundId | null, now: Date, deps: OpenDeps): RoundId {
  const org = getOrganization(tx);
  if (org === null) throw new PulsenError("conflict", { kind: "no_organization" });
  const tz = org.defaultTimezone;
  const { instrument } = getInstrument(tx, s.instrumentId);
  const number =
    (tx
      .select({ n: max(rounds.number) })
      .from(rounds)
      .where(eq(rounds.seriesId, s.id))
      .get()?.n ?? 0) + 1;
  const allItems = instrument.factors.flatMap((f) => f.items.map((i) => i.id));
  const plan: RoundPlan = {
    openDays: s.openDays,
    reminderDays: s.reminderDays,
    maxReminders: s.maxReminders,
    window: { start: s.windowStart, end: s.windowEnd, weekdaysOnly: s.weekdaysOnly },
  };
  const values = {
    number,
    instrumentVersion: instrument.version,
    itemIds: rotateItems(allItems, s.itemsPerRound, number),
    status: "open" as const,
    openedAt: now,
    closesAt: closesAt(now, s.openDays, tz),
    plan,
  };
  let id: RoundId;
  if (roundId === null) {
    id = newId<RoundId>("round");
    tx.insert(rounds)
      .values({ id, seriesId: s.id, instrumentId: instrument.id, createdAt: now, ...values })
      .run();
  } else {
    id = roundId;
    tx.update(rounds)
      .set(values)
      .where(and(eq(rounds.id, id), eq(rounds.status, "scheduled")))
      .run();
  }

  for (const person of audience(tx, s.audienceUnitId)) {
    const route = routeFor(person, deps.platforms, org);
    const { platform } = route;
    tx.insert(invitations)
      .values({
        roundId: id,
        personId: person.id,
        unitId: person.unitId,
        undeliverable: route.platform === null ? route.reason : null,
      })
      .run();
    if (platform === null) continue;
    const notBefore = nextAllowed(now, person.timezone ?? person.profileTimezone ?? tz, plan.window);
    const key = outboxKey({ kind: "invite", roundId: id, personId: person.id });
    const intent = { kind: "invite" as const, roundId: id };
    enqueueMessage(tx, { key, platform, personId: person.id, roundId: id, intent, notBefore }, now);
  }
  snapshotAttributes(tx, id, instrument, values.itemIds);
  reminderTimes(now, s.reminderDays, s.openDays, tz).forEach((dueAt, i) => {
    enqueueJob(tx, { kind: JOB_REMIND, dueAt, payload: { roundId: id, index: i + 1 } }, now);
  });
  enqueueJob(tx, { kind: JOB_CLOSE, dueAt: values.closesAt, payload: { roundId: id } }, now);
  // Halfway (in whole days, at least one), leaders of units under 50 % get a nudge.
  if (s.openDays >= 2) {
    const dueAt = addDays(now, Math.floor(s.openDays / 2), tz);
    enqueueJob(tx, { kind: JOB_NUDGE, dueAt, payload: { roundId: id } }, now);
  }
  return id;
}
