import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { builtinInstruments } from "../../src/instruments/catalog";
import type { Platform } from "../../src/jobs/sender";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { tempDir } from "./tmp";
import { migratedFile } from "./db";

/**
 * What a delivery test starts from: a fresh SQLite file with the built-in instruments, the roster
 * imported, and one round of a quick pulse for everyone opened now (sent at any hour, reminded on day 3).
 * The file is closed again, for a server or a process to open.
 */
export function roundOnFile(o: {
  roster: string;
  platforms: ReadonlySet<Platform>;
  now: Date;
  /** The series' own schedule: choose one whose next run falls after what the test looks at. */
  cadence?: string;
  /** The folder for the file (tests that run concurrently make their own); a fresh temporary one by default. */
  dir?: string;
}): { path: string; roundId: string } {
  const path = `${o.dir ?? tempDir()}/pulsen.db`;
  const clock = { now: () => o.now };
  const setup = openDatabase(migratedFile(path));
  try {
    storeBuiltins(setup.db, builtinInstruments(), clock);
    importOrgCsv(setup.db, new TextEncoder().encode(o.roster), { dryRun: false, clock });
    const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: o.cadence ?? "0 9 15 * *" };
    const { id } = createSeries(setup.db, { ...series, openDays: 7, reminderDays: [3], window: { ...ALWAYS } }, o.now);
    const roundId = setup.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, o.now, { platforms: o.platforms }),
    );
    return { path, roundId };
  } finally {
    setup.close();
  }
}
