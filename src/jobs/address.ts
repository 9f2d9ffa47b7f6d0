import { eq } from "drizzle-orm";
import { DEFAULT_TIME_ZONE } from "../core/locale";
import { DEFAULT_WINDOW, nextAllowed, type SendWindow } from "../core/quiet-hours";
import type { Store } from "../db/open";
import { getOrganization } from "../db/org-store";
import { people, unitChannels, unitLeaders } from "../db/schema";
import { enqueueMessage } from "./outbox-queue";
import { platformFor } from "./routing";
import type { Intent, Platform } from "./sender";

/** What every queued message shares: the platforms in use, the clock, the send window, the round it belongs to. */
export interface Addressing {
  platforms: ReadonlySet<Platform>;
  now: Date;
  window?: SendWindow;
  roundId?: string | null;
}

/**
 * Queues a message to a person's direct chat on their platform, inside the
 * send window in their own time zone. False if they cannot be reached here
 * (inactive, no platform) or the key was already queued.
 */
export function queueToPerson(tx: Store, personId: string, key: string, intent: Intent, a: Addressing): boolean {
  const p = tx.select().from(people).where(eq(people.id, personId)).get();
  if (p === undefined || !p.active) return false;
  const org = getOrganization(tx);
  const platform = platformFor(p, a.platforms, org);
  if (platform === null) return false;
  const zone = p.timezone ?? p.profileTimezone ?? org?.defaultTimezone ?? DEFAULT_TIME_ZONE;
  const notBefore = nextAllowed(a.now, zone, a.window ?? DEFAULT_WINDOW);
  return enqueueMessage(tx, { key, platform, personId, roundId: a.roundId ?? undefined, intent, notBefore }, a.now);
}

/**
 * Queues a message for a unit's leaders: to the unit's channel when one is
 * set on a platform in use, else to each leader's direct chat. Returns how
 * many messages were queued.
 */
export function queueToUnit(
  tx: Store,
  unitId: string,
  keys: { channel: string; person: (personId: string) => string },
  intent: Intent,
  a: Addressing,
): number {
  const channel = tx
    .select()
    .from(unitChannels)
    .where(eq(unitChannels.unitId, unitId))
    .all()
    .find((c) => a.platforms.has(c.platform));
  if (channel) {
    return enqueueMessage(
      tx,
      {
        key: keys.channel,
        platform: channel.platform,
        channel: channel.channel,
        roundId: a.roundId ?? undefined,
        intent,
        notBefore: a.now,
      },
      a.now,
    )
      ? 1
      : 0;
  }
  let n = 0;
  for (const l of tx
    .select({ personId: unitLeaders.personId })
    .from(unitLeaders)
    .where(eq(unitLeaders.unitId, unitId))
    .all()) {
    if (queueToPerson(tx, l.personId, keys.person(l.personId), intent, a)) n++;
  }
  return n;
}
