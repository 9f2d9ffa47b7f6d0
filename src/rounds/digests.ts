import { and, eq } from "drizzle-orm";
import { DEFAULT_WINDOW, nextAllowed } from "../core/quiet-hours";
import { getOrganization } from "../db/org-store";
import { invitations, people, personRoles, rounds, unitChannels, unitLeaders } from "../db/schema";
import { enqueueMessage } from "../jobs/outbox";
import { platformFor } from "../jobs/routing";
import type { Platform } from "../jobs/sender";
import { subtreeUnitIds } from "./audience";
import type { RoundClosedListener } from "./handlers";

/**
 * When a round closes: each led unit that took part gets its digest in its
 * leader channel (or, without one, in each leader's direct chat), and HR
 * gets the organization's summary. The digest itself is composed at send
 * time from the anonymity-checked reports.
 */
export function queueDigests(platforms: ReadonlySet<Platform>): RoundClosedListener {
  return (tx, roundId, now) => {
    const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
    if (round === undefined) return;
    const window = round.plan?.window ?? DEFAULT_WINDOW;
    const orgZone = getOrganization(tx)?.defaultTimezone ?? "Europe/Oslo";
    const tookPart = new Set(tx.selectDistinct({ unitId: invitations.unitId }).from(invitations).where(eq(invitations.roundId, roundId)).all().map((r) => r.unitId));
    const toPerson = (personId: string, key: string, intent: { kind: "digest"; roundId: string; unitId: string } | { kind: "hr_summary"; roundId: string }) => {
      const p = tx.select().from(people).where(eq(people.id, personId)).get();
      if (p === undefined || !p.active) return;
      const platform = platformFor(p, platforms);
      if (platform === null) return;
      const notBefore = nextAllowed(now, p.timezone ?? p.profileTimezone ?? orgZone, window);
      enqueueMessage(tx, { key, platform, personId, roundId, intent, notBefore }, now);
    };

    const ledUnits = tx.selectDistinct({ unitId: unitLeaders.unitId }).from(unitLeaders).all().map((r) => r.unitId);
    for (const unitId of ledUnits) {
      if (!subtreeUnitIds(tx, unitId).some((u) => tookPart.has(u))) continue;
      const intent = { kind: "digest" as const, roundId, unitId };
      const channel = tx
        .select()
        .from(unitChannels)
        .where(eq(unitChannels.unitId, unitId))
        .all()
        .find((c) => platforms.has(c.platform));
      if (channel) {
        enqueueMessage(tx, { key: `round:${roundId}:unit:${unitId}:digest`, platform: channel.platform, channel: channel.channel, roundId, intent, notBefore: now }, now);
        continue;
      }
      for (const l of tx.select({ personId: unitLeaders.personId }).from(unitLeaders).where(eq(unitLeaders.unitId, unitId)).all()) {
        toPerson(l.personId, `round:${roundId}:person:${l.personId}:digest:${unitId}`, intent);
      }
    }
    for (const hr of tx.select({ personId: personRoles.personId }).from(personRoles).where(and(eq(personRoles.role, "hr"))).all()) {
      toPerson(hr.personId, `round:${roundId}:person:${hr.personId}:hr-summary`, { kind: "hr_summary", roundId });
    }
  };
}
