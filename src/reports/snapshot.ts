import { DRIVER_MIN_RESPONSES } from "../core/scoring";
import type { Store } from "../db/open";
import { roundSnapshots } from "../db/schema";
import { followUpResults } from "./follow-up";
import { driverRows } from "./insights";
import { roundReports } from "./report";
import { shownFactor } from "./trend";

/**
 * Keeps what a closed round's reports show, before retention deletes its answers and comments: each unit's
 * report (trends are added when read), the follow-up results and the driver rows, all as the anonymity
 * engine let them through at k. Nothing with n < k goes in; nothing in it names a person.
 */
export function takeSnapshot(tx: Store, roundId: string, k: number, now: Date): void {
  const reports = roundReports(tx, roundId, k, false);
  const followUp = followUpResults(tx, roundId, reports, k);
  // Only what the insights would show: enough responses, k with both scores, a factor the organization shows.
  const root = reports.rootUnitId === null ? undefined : reports.byUnit.get(reports.rootUnitId);
  const enough = root !== undefined && !root.suppressed && root.responses >= DRIVER_MIN_RESPONSES;
  const drivers = enough ? driverRows(tx, roundId).filter((r) => r.n >= k && shownFactor(root, r.factor) !== null) : [];
  tx.insert(roundSnapshots)
    .values({
      roundId,
      k,
      takenAt: now,
      reports: Object.fromEntries(reports.byUnit),
      followUp: Object.fromEntries(followUp),
      drivers,
    })
    .run();
}
