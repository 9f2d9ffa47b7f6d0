import { and, eq } from "drizzle-orm";
import { DEFAULT_WINDOW } from "../core/quiet-hours";
import { invitations, personRoles, rounds, unitLeaders } from "../db/schema";
import { queueToPerson, queueToUnit } from "../jobs/address";
import { outboxKey } from "../jobs/keys";
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
    const a = { platforms, now, window: round.plan?.window ?? DEFAULT_WINDOW, roundId };
    const tookPart = new Set(
      tx
        .selectDistinct({ unitId: invitations.unitId })
        .from(invitations)
        .where(eq(invitations.roundId, roundId))
        .all()
        .map((r) => r.unitId),
    );
    const ledUnits = tx
      .selectDistinct({ unitId: unitLeaders.unitId })
      .from(unitLeaders)
      .all()
      .map((r) => r.unitId);
    for (const unitId of ledUnits) {
      if (!subtreeUnitIds(tx, unitId).some((u) => tookPart.has(u))) continue;
      const keys = {
        channel: outboxKey({ kind: "unit-digest", roundId, unitId }),
        person: (personId: string) => outboxKey({ kind: "digest", roundId, personId, unitId }),
      };
      queueToUnit(tx, unitId, keys, { kind: "digest", roundId, unitId }, a);
    }
    for (const hr of tx
      .select({ personId: personRoles.personId })
      .from(personRoles)
      .where(and(eq(personRoles.role, "hr")))
      .all()) {
      const key = outboxKey({ kind: "hr-summary", roundId, personId: hr.personId });
      queueToPerson(tx, hr.personId, key, { kind: "hr_summary", roundId }, a);
    }
  };
}
