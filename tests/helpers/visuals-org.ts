import { eq } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeAnonymously } from "../../src/db/answer-store";
import { storeBuiltins } from "../../src/db/instrument-store";
import { type Db, openDatabase } from "../../src/db/open";
import { draftAnswers, drafts, people, rounds, units } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { importBenchmarks } from "../../src/reports/benchmark-import";
import { roundReports } from "../../src/reports/report";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "./csv";
import { tempDir } from "./tmp";
import { silentLogger } from "./world";
import { migratedFile } from "./db";

/**
 * An organization with three closed rounds of one series, for the results' pictures:
 *   Org (HR)                               not answering
 *   Org > A       leader A, rep, 6         6 answer every round
 *   Org > A > A1  leader A1, 5             5, then 3 (hidden in round 2), then 5
 *   Org > B       leader B, 14             12; before round 3 one more moves to C (B's group changes by 1)
 *   Org > C       leader C, 2 (+1)         2 answer → hidden, below k, every round
 *   Org > D       6                        5 answer → hidden, to protect C
 * 30 answer in all (enough for the driver analysis). A person's values differ a little between statements,
 * and by unit and round, so the lines move and the factors correlate differently with engagement.
 */
const ROWS = (movedToC: boolean) => [
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  "rep.a@org.example,Rita Rep,Org > A,,union_rep,,,,",
  ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  "lead.a1@org.example,Leder A1,Org > A > A1,Org > A > A1,,,,,",
  ...Array.from({ length: 5 }, (_, i) => `a1_${i}@org.example,A1 ${i},Org > A > A1,,,,,,`),
  "lead.b@org.example,Leder B,Org > B,Org > B,,,,en,",
  ...Array.from(
    { length: 14 },
    (_, i) => `b${i}@org.example,B ${i},${movedToC && i === 13 ? "Org > C" : "Org > B"},,,,,,`,
  ),
  "lead.c@org.example,Leder C,Org > C,Org > C,,,,,",
  ...Array.from({ length: 2 }, (_, i) => `c${i}@org.example,C ${i},Org > C,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `d${i}@org.example,D ${i},Org > D,,,,,,`),
];

const emails = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@org.example`);

/** Who answers in round 1, 2, 3, with which value each (one per person). */
const ANSWERS: { emails: string[]; values: number[][] }[] = [
  {
    emails: emails("a", 6),
    values: [
      [4, 4, 4, 3, 4, 4],
      [4, 4, 4, 4, 4, 3],
      [5, 4, 4, 5, 4, 4],
    ],
  },
  {
    emails: emails("a1_", 5),
    values: [
      [5, 5, 4, 5, 5],
      [3, 3, 4],
      [5, 5, 5, 4, 5],
    ],
  },
  {
    emails: emails("b", 13),
    values: [
      [3, 3, 3, 4, 3, 3, 3, 2, 4, 3, 3, 4],
      [3, 4, 3, 4, 3, 3, 4, 3, 4, 3, 2, 4],
      [4, 4, 3, 4, 4, 3, 4, 3, 4, 4, 3, 4],
    ],
  },
  {
    emails: emails("c", 2),
    values: [
      [1, 2],
      [2, 1],
      [1, 2],
    ],
  },
  {
    emails: emails("d", 5),
    values: [
      [2, 2, 2, 3, 3],
      [2, 3, 2, 3, 3],
      [3, 2, 2, 3, 2],
    ],
  },
];

export interface VisualsOrg {
  path: string;
  clock: ManualClock;
  /** Oldest first; the last is the one the dashboard opens. */
  roundIds: string[];
  unitId: (path: string) => string;
  personId: (email: string) => string;
}

function answerRound(db: Db, roundId: string, index: number, personId: (e: string) => string) {
  const itemIds = db.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, roundId)).get()!.itemIds!;
  db.transaction((tx) => {
    for (const { emails: who, values } of ANSWERS) {
      values[index]!.forEach((value, i) => {
        const pid = personId(who[i]!);
        tx.insert(drafts).values({ roundId, personId: pid, comment: null }).run();
        for (const itemId of itemIds) {
          // Some people rate leadership or change a step lower, some engagement a step higher: the factors then
          // move differently with engagement, and people fall in different quadrants.
          const factor = itemId.split("-")[0];
          const shift =
            (factor === "leadership" && i % 3 === 1) || (factor === "change" && i % 2 === 0)
              ? -1
              : factor === "engagement" && i % 4 === 3
                ? 1
                : 0;
          const v = Math.max(1, Math.min(5, value + shift));
          tx.insert(draftAnswers).values({ roundId, personId: pid, itemId, value: v }).run();
        }
        storeAnonymously(tx, roundId, pid, true);
      });
    }
  });
}

/** Builds the organization and its three closed rounds in a fresh SQLite file; `benchmark` imports one. */
export function buildVisualsOrg(opts: { benchmark?: boolean } = {}): VisualsOrg {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-08-03T09:00:00Z");
  const { db, close } = openDatabase(migratedFile(path));
  storeBuiltins(db, builtinInstruments(), clock);
  importOrgCsv(db, new TextEncoder().encode(csv(ROWS(false))), { dryRun: false, clock });
  if (opts.benchmark) {
    importBenchmarks(
      db,
      [
        "instrument,factor,value,label",
        ...["engagement", "leadership", "execution", "change"].map((f, i) => `engagement-pulse,${f},${70 + i},KS 2025`),
      ].join("\n"),
    );
  }
  const personId = (email: string) =>
    db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const { id } = createSeries(
    db,
    {
      name: "Engasjementspuls",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const roundIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    if (i === 2) importOrgCsv(db, new TextEncoder().encode(csv(ROWS(true))), { dryRun: false, clock });
    const roundId = db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
    );
    answerRound(db, roundId, i, personId);
    clock.advance(14 * 86_400_000);
    db.transaction((tx) => closeRound(tx, roundId, clock.now()));
    clock.advance(14 * 86_400_000);
    roundIds.push(roundId);
  }
  const unitIds = new Map(
    db
      .select({ id: units.id, path: units.path })
      .from(units)
      .all()
      .map((u) => [u.path, u.id]),
  );
  const ids = new Map(
    db
      .select({ id: people.id, email: people.email })
      .from(people)
      .all()
      .map((p) => [p.email, p.id]),
  );
  close();
  return { path, clock, roundIds, unitId: (p) => unitIds.get(p)!, personId: (e) => ids.get(e)! };
}

export async function serveVisualsOrg(org: VisualsOrg): Promise<RunningServer> {
  const config = loadConfig({ PORT: "0", DATABASE_PATH: org.path });
  return startServer(config, silentLogger(), org.clock, { adapters: [], tick: null });
}

/**
 * What the hidden figures would have been: every score and mean that k hides in the given rounds, read
 * with no threshold at all, so a test can look for them where they must not be. A value that some shown
 * figure happens to have too is left out (finding it would prove nothing).
 */
export function hiddenValues(db: Db, roundIds: readonly string[], k: number): Set<number> {
  const out = new Set<number>();
  const seen = new Set<number>();
  for (const roundId of roundIds) {
    const shown = roundReports(db, roundId, k, false);
    const bare = roundReports(db, roundId, 1, false);
    for (const [unitId, r] of shown.byUnit) {
      if (!r.suppressed)
        for (const f of r.factors) if (!f.suppressed) for (const v of [f.score, f.mean]) if (v !== null) seen.add(v);
      const raw = bare.byUnit.get(unitId);
      if (raw === undefined || raw.suppressed) continue;
      for (const f of raw.factors) {
        if (f.suppressed) continue;
        const kept = r.suppressed ? undefined : r.factors.find((x) => x.id === f.id);
        if (kept === undefined || kept.suppressed) for (const v of [f.score, f.mean]) if (v !== null) out.add(v);
      }
    }
  }
  for (const v of seen) out.delete(v);
  return out;
}
