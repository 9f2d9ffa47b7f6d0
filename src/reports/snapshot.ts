import type { Store } from "../db/open";
import { roundSnapshots } from "../db/schema";
import { followUpResults } from "./follow-up";
import { driverRows } from "./insights";
import { roundReports } from "./report";

/**
 * Keeps what a closed round's reports show, before retention deletes its answers and comments: each unit's
 * report (trends are added when read), the follow-up results and the driver rows, all as the anonymity
 * engine let them through at k. Nothing with n < k goes in; nothing in it names a person.
 */
export function takeSnapshot(tx: Store, roundId: string, k: number, now: Date): void {
  const reports = roundReports(tx, roundId, k, false);
  const followUp = followUpResults(tx, roundId, reports, k);
  // The same k rule the insights apply when they read these rows.
  const drivers = driverRows(tx, roundId).filter((r) => r.n >= k);
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
