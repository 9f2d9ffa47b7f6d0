import type { Clock } from "../core/clock";
import { ALWAYS } from "../core/quiet-hours";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import { organizations } from "../db/schema";
import { importOrgCsv } from "../org/import";
import { openRound } from "../rounds/open";
import { createSeries, getSeries } from "../rounds/series";
import { seedDemoHistory } from "./history";
import { syntheticOrgCsv, withBackgroundColumns } from "./synthetic-org";

/**
 * The demo organization `npm start` seeds into an empty database when no chat
 * platform is configured: about 40 people in 6 units and an open round of the
 * engagement pulse, answerable at once in the local web chat, and three
 * closed rounds before it so the dashboard has results and trends to show.
 */
export function seedDemo(db: Db, clock: Clock): { seeded: boolean; roundId?: string } {
  if (getOrganization(db) !== null) return { seeded: false };
  const csv = syntheticOrgCsv({ people: 40, units: 6, levels: 3, orgName: "Fjordvik kommune", seed: 7 });
  importOrgCsv(db, new TextEncoder().encode(withBackgroundColumns(csv)), { dryRun: false, clock });
  // Only this organization is the demo: a real one never gets the "look as anyone" picker (rule 9).
  db.update(organizations).set({ demo: true }).run();
  const now = clock.now();
  const { id } = createSeries(
    db,
    // Monthly, so the demo round stays open for two weeks; any hour, so invitations show up at once.
    {
      name: "Engasjementspuls (demo)",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3, 7],
      window: { ...ALWAYS },
    },
    now,
  );
  seedDemoHistory(db, id, now);
  const roundId = db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, now, { platforms: new Set(["webchat"]) }),
  );
  return { seeded: true, roundId };
}
