import { eq } from "drizzle-orm";
import type { RoundId } from "../core/ids";
import { DEFAULT_TIME_ZONE } from "../core/locale";
import { DEFAULT_WINDOW, nextAllowed } from "../core/quiet-hours";
import { answerWindow } from "../core/round";
import type { Store } from "../db/open";
import { getOrganization } from "../db/org-store";
import { people, rounds, unitLeaders } from "../db/schema";
import type { JobKind } from "../jobs/job";
import { outboxKey } from "../jobs/keys";
import { enqueueMessage } from "../jobs/outbox-queue";
import { platformFor } from "../jobs/routing";
import type { Platform } from "../jobs/sender";
import { roundParticipation, shownParticipation } from "./participation";

export const JOB_NUDGE = "round.nudge" satisfies JobKind;

/**
 * Halfway through a round: leaders of units where fewer than half have
 * answered get one nudge with the count. Never who (DESIGN.md rule 6).
 */
export function queueNudges(
  tx: Store,
  roundId: RoundId,
  now: Date,
  platforms: ReadonlySet<Platform>,
  anonymityMin: number,
): number {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined || !answerWindow(round, now).open) return 0;
  const org = getOrganization(tx);
  const zone = org?.defaultTimezone ?? DEFAULT_TIME_ZONE;
  let queued = 0;
  const led = tx.select({ unitId: unitLeaders.unitId, personId: unitLeaders.personId }).from(unitLeaders).all();
  const figures = roundParticipation(tx, roundId, anonymityMin);
  const told = new Set<string>();
  for (const { unitId, personId } of led) {
    // The unit's own figure, or that of the unit it is counted in when it is too small to show alone.
    const shown = figures === null ? null : shownParticipation(figures, unitId);
    if (shown === null || shown.invited === 0 || shown.answered / shown.invited >= 0.5) continue;
    // A leader of two small units counted in the same unit hears about it once.
    if (told.has(`${personId}:${shown.unitId}`)) continue;
    told.add(`${personId}:${shown.unitId}`);
    const p = tx.select().from(people).where(eq(people.id, personId)).get();
    if (p === undefined || !p.active) continue;
    const platform = platformFor(p, platforms, org);
    if (platform === null) continue;
    const notBefore = nextAllowed(now, p.timezone ?? p.profileTimezone ?? zone, round.plan?.window ?? DEFAULT_WINDOW);
    const key = outboxKey({ kind: "nudge", roundId, personId, unitId });
    const intent = { kind: "nudge" as const, roundId, unitId };
    if (enqueueMessage(tx, { key, platform, personId, roundId, intent, notBefore }, now)) queued++;
  }
  return queued;
}
