import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ALWAYS } from "../../src/core/quiet-hours";
import { pearson, segment } from "../../src/core/scoring";
import { storeFactorMeans } from "../../src/db/answer-store";
import { answers, responses, units } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importBenchmarks } from "../../src/reports/benchmark-import";
import { roundInsights } from "../../src/reports/insights";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { PulsenError } from "../../src/core/errors";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  ...Array.from({ length: 20 }, (_, i) => `a${i}@o.example,A${i},Org > A,,,,,,`),
  ...Array.from({ length: 20 }, (_, i) => `b${i}@o.example,B${i},Org > B,,,,,,`),
]);
const factors = builtinInstruments().find((i) => i.id === "engagement-pulse")!.factors;

describe("insights", () => {
  function build(perGroup: number) {
    const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
    const { id } = createSeries(
      w.db,
      {
        name: "Puls",
        instrumentId: "engagement-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 7,
        reminderDays: [],
        window: { ...ALWAYS },
      },
      w.clock.now(),
    );
    const roundId = w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const unit = (p: string) => w.db.select({ id: units.id }).from(units).where(eq(units.path, p)).get()!.id;
    let n = 1;
    /** One respondent: engagement = leadership = e, execution always 3, change = 6 − e. */
    const respond = (u: string, e: number) => {
      const rid = n++;
      w.db
        .insert(responses)
        .values({ id: rid, roundId, unitId: unit(u) })
        .run();
      const given = new Map<string, number>();
      for (const f of factors)
        for (const item of f.items) given.set(item.id, f.id === "execution" ? 3 : f.id === "change" ? 6 - e : e);
      for (const [item, v] of given) w.db.insert(answers).values({ responseId: rid, itemId: item, value: v }).run();
      storeFactorMeans(w.db, roundId, rid, given);
    };
    for (let i = 0; i < perGroup; i++) {
      for (const [unit, value] of [
        ["Org > A", 4],
        ["Org > A", 5],
        ["Org > B", 2],
        ["Org > B", 3],
      ] as const) {
        respond(unit, value);
      }
    }
    w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
    return { w, roundId };
  }

  it("compares units with the organization and a benchmark, segments them, and finds what moves with engagement", () => {
    const { w, roundId } = build(10);
    expect(importBenchmarks(w.db, "instrument,factor,value,label\nengagement-pulse,engagement,75,Norge 2020\n")).toBe(
      1,
    );

    const i = roundInsights(w.db, roundId, 5);
    const a = i.comparisons.find((c) => c.unit === "Org > A")!.factors.find((f) => f.id === "engagement")!;
    // A: mean 4.5 → 87.5; Org: 3.5 → 62.5.
    expect(a).toEqual({
      id: "engagement",
      score: 87.5,
      parent: 62.5,
      organization: 62.5,
      benchmarks: [{ label: "Norge 2020", value: 75 }],
    });
    expect(i.segments).toEqual([
      { unit: "Org > A", leadership: 87.5, engagement: 87.5, segment: "enthusiasts" },
      { unit: "Org > B", leadership: 37.5, engagement: 37.5, segment: "backbenchers" },
    ]);
    expect(i.drivers).toEqual([
      // Each from the 40 respondents with both scores; none both moves with engagement and scores under 60.
      { factor: "leadership", n: 40, r: 1, score: 62.5, lever: false },
      { factor: "change", n: 40, r: -1, score: 37.5, lever: false }, // change = 6 − e: mean 2.5
      { factor: "execution", n: 40, r: null, score: 50, lever: false },
    ]);
  });

  it("leaves out a driver from fewer than k respondents, however many answered in all", () => {
    const w = world({
      start: "2026-11-02T09:00:00Z",
      org: csv(Array.from({ length: 40 }, (_, i) => `p${i}@org.example,P ${i},Org > A,,,,,,`)),
    });
    const { id } = createSeries(
      w.db,
      {
        name: "Puls",
        instrumentId: "engagement-pulse",
        audience: "all",
        cadence: "0 9 * * 1",
        openDays: 5,
        reminderDays: [],
        window: { ...ALWAYS },
      },
      w.clock.now(),
    );
    const roundId = w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const unitId = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org > A")).get()!.id;
    const engagement = ["engagement-1", "engagement-2", "engagement-3", "engagement-4"];
    for (let n = 0; n < 40; n++) {
      w.db
        .insert(responses)
        .values({ id: 5000 + n, roundId, unitId })
        .run();
      // Everyone answers engagement; only two answer the change statements.
      const given = new Map([
        ...engagement.map((i): [string, number] => [i, 1 + (n % 5)]),
        ...(n < 2 ? ["change-1", "change-2", "change-3"].map((i): [string, number] => [i, 1 + n]) : []),
      ]);
      for (const [itemId, value] of given)
        w.db
          .insert(answers)
          .values({ responseId: 5000 + n, itemId, value })
          .run();
      storeFactorMeans(w.db, roundId, 5000 + n, given);
    }
    w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
    const drivers = roundInsights(w.db, roundId, 5).drivers;
    expect(Array.isArray(drivers) && drivers.map((d) => d.factor)).toEqual([]);
  });

  it("computes Pearson's r and the four segments as defined", () => {
    // x = 1,2,3; y = 2,4,7: r = 0.993
    expect(pearson({ n: 3, x: 6, y: 13, xx: 14, yy: 69, xy: 31 })).toBe(0.993);
    expect(segment(70, 60, 66, 75)).toBe("laggards");
    expect(segment(60, 80, 66, 75)).toBe("strivers");
  });

  it("skips the driver analysis under 30 responses", () => {
    const { w, roundId } = build(7); // 28 responses
    expect(roundInsights(w.db, roundId, 5).drivers).toEqual({
      skipped: "driver analysis needs at least 30 responses in the organization",
      needed: 30,
    });
  });

  it("refuses a bad benchmark file, naming each bad line", () => {
    const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
    expect(() =>
      importBenchmarks(
        w.db,
        "instrument,factor,value,label\nengagement-pulse,engagement,175,X\nnope,engagement,50,Y\nengagement-pulse,mood,50,Z\n",
      ),
    ).toThrow(PulsenError);
    try {
      importBenchmarks(
        w.db,
        "instrument,factor,value,label\nengagement-pulse,engagement,175,X\nnope,engagement,50,Y\nengagement-pulse,mood,50,Z\n",
      );
    } catch (e) {
      expect((e as PulsenError).details).toEqual([
        "line 2: value must be 0–100",
        'line 3: unknown instrument "nope"',
        'line 4: engagement-pulse has no factor "mood"',
      ]);
    }
  });
});
