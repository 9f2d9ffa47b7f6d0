/**
 * Report generation for a synthetic organization: 50,000 people in 1,000
 * units five levels deep, the 36-statement ten-factors instrument, 80 %
 * response. Times all unit reports against the one raw SQL GROUP BY that
 * computes the same per-unit statement means, and reports peak memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { ManualClock } from "../src/core/clock";
import { ALWAYS } from "../src/core/quiet-hours";
import { storeBuiltins } from "../src/db/instrument-store";
import { openDatabase } from "../src/db/open";
import { syntheticOrgCsv } from "../src/demo/synthetic-org";
import { builtinInstruments } from "../src/instruments/catalog";
import { importOrgCsv } from "../src/org/import";
import { respondentFactorMeans } from "../src/core/scoring";
import { roundReports } from "../src/reports/report";
import { closeRound } from "../src/rounds/close";
import { openRound } from "../src/rounds/open";
import { createSeries, getSeries } from "../src/rounds/series";

export function benchReports(figure: (name: string, value: number, unit: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-reports-"));
  try {
    const clock = new ManualClock("2026-11-02T09:00:00Z");
    const { db, sqlite, close } = openDatabase(join(dir, "pulsen.db"));
    storeBuiltins(db, builtinInstruments(), clock);
    importOrgCsv(db, new TextEncoder().encode(syntheticOrgCsv({ people: 50_000, units: 1_000, levels: 5 })), {
      dryRun: false,
      clock,
    });
    const { id } = createSeries(
      db,
      {
        name: "Ti faktorer",
        instrumentId: "ten-factors",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 14,
        reminderDays: [7],
        window: { ...ALWAYS },
      },
      clock.now(),
    );
    const roundId = db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
    );

    // 80 % answer, written straight into the anonymous tables as the bot would leave them.
    const instrument = builtinInstruments().find((i) => i.id === "ten-factors")!;
    const items = instrument.factors.flatMap((f) => f.items.map((i) => i.id));
    const asked = new Set(items);
    const invited = sqlite.prepare("select unit_id as unit from invitations where round_id = ?").all(roundId) as {
      unit: string;
    }[];
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const insertResponse = sqlite.prepare("insert into responses (id, round_id, unit_id) values (?, ?, ?)");
    const insertAnswer = sqlite.prepare("insert into answers (response_id, item_id, value) values (?, ?, ?)");
    const insertFactor = sqlite.prepare("insert into response_factors (response_id, factor_id, mean) values (?, ?, ?)");
    let answerCount = 0;
    sqlite.transaction(() => {
      invited.forEach((inv, i) => {
        if (i % 5 === 4) return; // one in five does not answer
        const rid = i + 1;
        insertResponse.run(rid, roundId, inv.unit);
        const base = 2 + rand() * 3;
        const given = new Map<string, number>();
        for (const item of items) {
          if (rand() < 0.03) continue; // the odd skip
          const v = Math.max(1, Math.min(5, Math.round(base + (rand() - 0.5) * 2)));
          insertAnswer.run(rid, item, v);
          answerCount++;
          given.set(item, v);
        }
        // What the answer store writes with every response.
        for (const f of respondentFactorMeans(instrument.factors, asked, given))
          insertFactor.run(rid, f.factorId, f.mean);
      });
    })();
    db.transaction((tx) => closeRound(tx, roundId, clock.now()));
    sqlite.pragma("optimize");

    const time = (f: () => unknown) => {
      const best: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        f();
        best.push(performance.now() - t0);
      }
      return Math.min(...best);
    };
    const raw = time(() =>
      db.all(
        sql`select r.unit_id, a.item_id, avg(a.value) from answers a join responses r on r.id = a.response_id where r.round_id = ${roundId} group by r.unit_id, a.item_id`,
      ),
    );
    let units = 0;
    const reports = time(() => {
      units = roundReports(db, roundId, 5).byUnit.size;
    });
    figure("reports.units", units, "units");
    figure("reports.answers", answerCount, "answers");
    figure("reports.raw_sql_ms", raw, "ms");
    figure("reports.all_units_ms", reports, "ms");
    figure("reports.ratio_to_raw_sql", reports / raw, "x");
    figure("reports.peak_mb", process.resourceUsage().maxRSS / 1024, "MB");
    close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
