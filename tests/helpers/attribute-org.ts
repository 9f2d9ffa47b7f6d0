import { eq } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeAnonymously } from "../../src/db/answer-store";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { draftAnswers, drafts, people, rounds } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { HEADER } from "./csv";
import { tempDir } from "./tmp";
import { silentLogger } from "./world";
import { migratedFile } from "./db";

/**
 * An organization with background variables and one closed round, answered through the draft → anonymous
 * path: HR, a leader and a union rep in Org > A, and 14 people: position type "Sykepleier" (8, all
 * answer 4), "Helsefagarbeider" (5, all answer 2), "Lege" (1); full time "heltid" (9) and "deltid" (5).
 * Of the 17, 16 answer (the doctor does not). Every nurse is in Org > A, with its leader and rep: the nurses'
 * cell would give those two away against Org > A's figures, so it is hidden.
 */
const ROSTER = [
  `${HEADER},phone,channel,attr:position_type,attr:full_time`,
  "hr@attr.example,Hanne HR,Org,,hr,,,,,,,,heltid",
  "lead@attr.example,Leder A,Org > A,Org > A,,,,,,,,,heltid",
  "rep@attr.example,Rita Rep,Org > A,,union_rep,,,,,,,,",
  ...Array.from({ length: 8 }, (_, i) => `s${i}@attr.example,S ${i},Org > A,,,,,,,,,Sykepleier,heltid`),
  ...Array.from({ length: 5 }, (_, i) => `f${i}@attr.example,F ${i},Org > B,,,,,,,,,Helsefagarbeider,deltid`),
  "doc@attr.example,Dr D,Org > B,,,,,,,,,Lege,",
].join("\n");

export function buildAttributeOrg(): { path: string; clock: ManualClock; roundId: string } {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-11-02T09:00:00Z");
  const { db, close } = openDatabase(migratedFile(path));
  try {
    storeBuiltins(db, builtinInstruments(), clock);
    importOrgCsv(db, new TextEncoder().encode(ROSTER), { dryRun: false, clock });
    const series = { name: "Puls", instrumentId: "engagement-pulse", audience: "all", cadence: "0 9 1 * *" };
    const { id } = createSeries(db, { ...series, openDays: 14, reminderDays: [3], window: { ...ALWAYS } }, clock.now());
    const roundId = db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const itemIds = db.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, roundId)).get()!.itemIds!;
    db.transaction((tx) => {
      for (const p of tx.select().from(people).all()) {
        if (p.email === "doc@attr.example") continue;
        const value = p.email.startsWith("f") ? 2 : 4;
        tx.insert(drafts).values({ roundId, personId: p.id, comment: null }).run();
        for (const itemId of itemIds) tx.insert(draftAnswers).values({ roundId, personId: p.id, itemId, value }).run();
        storeAnonymously(tx, roundId, p.id, true);
      }
      closeRound(tx, roundId, clock.now());
    });
    return { path, clock, roundId };
  } finally {
    close();
  }
}

export function serveAttributeOrg(org: { path: string; clock: ManualClock }): Promise<RunningServer> {
  const config = loadConfig({ PORT: "0", DATABASE_PATH: org.path });
  return startServer(config, silentLogger(), org.clock, { adapters: [], tick: null });
}
