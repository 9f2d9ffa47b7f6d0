import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ALWAYS } from "../../src/core/quiet-hours";
import { answers, responses, units } from "../../src/db/schema";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { roundReports, unitReport } from "../../src/reports/report";
import { storeFactorMeans } from "../../src/db/answer-store";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const people = (unit: string, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag}${i}@org.example,${tag} ${i},Org > ${unit},,,,,,`);
const ORG = csv([...people("A", 8, "a"), ...people("B", 6, "b"), ...people("C", 3, "c")]);

function setup(instrumentId = "quick-pulse") {
  const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
  const { id } = createSeries(
    w.db,
    {
      name: "Puls",
      instrumentId,
      audience: "all",
      cadence: "0 9 * * 1",
      openDays: 5,
      reminderDays: [2],
      window: { ...ALWAYS },
    },
    w.clock.now(),
  );
  const unitId = (name: string) =>
    w.db
      .select({ id: units.id })
      .from(units)
      .where(eq(units.path, `Org > ${name}`))
      .get()!.id;
  let seq = 1000;
  /** Stores answers as the bot would: anonymous rows under the unit. */
  const respond = (roundId: string, unit: string, rows: (number | null)[][], items: string[]) => {
    for (const values of rows) {
      const rid = ++seq;
      w.db
        .insert(responses)
        .values({ id: rid, roundId, unitId: unitId(unit) })
        .run();
      const given = new Map<string, number>();
      values.forEach((v, i) => {
        if (v === null) return;
        w.db.insert(answers).values({ responseId: rid, itemId: items[i]!, value: v }).run();
        given.set(items[i]!, v);
      });
      storeFactorMeans(w.db, roundId, rid, given);
    }
  };
  const open = () =>
    w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
  const close = (r: string) => w.db.transaction((tx) => closeRound(tx, r, w.clock.now()));
  return { w, open, close, respond };
}

const W = ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"];
const A_ROWS = [
  [5, 4, 4, 5], // factor mean 4.5
  [4, 4, 3, 4], // 3.75
  [2, 3, null, 3], // 8/3
  [5, 5, 5, 5], // 5
  [1, null, null, null], // one of four answered: below half, no factor score
  [3, 3, 4, 4], // 3.5
  [4, 4, 4, 4], // 4
];

describe("round reports", () => {
  it("match hand-computed figures, and hide a small unit together with the sibling that would expose it", () => {
    const t = setup();
    const r = t.open();
    t.respond(r, "A", A_ROWS, W);
    t.respond(
      r,
      "B",
      [
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
      ],
      W,
    );
    t.respond(
      r,
      "C",
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
      ],
      W,
    );
    t.close(r);

    const a = unitReport(t.w.db, r, 5, "Org > A");
    expect(a).toEqual({
      round: r,
      unit: "Org > A",
      includesSubunits: true,
      invited: 8,
      responses: 7,
      responseRate: 0.875,
      suppressed: false,
      reason: null,
      factors: [
        // Respondent means 4.5, 3.75, 2.667, 5, 3.5, 4 → 3.903; (3.903 − 1) / 4 → 72.6. Pooled answers 1:1 2:1 3:5 4:11 5:6.
        {
          id: "wellbeing",
          suppressed: false,
          n: 6,
          mean: 3.9,
          score: 72.6,
          distribution: [0.042, 0.042, 0.208, 0.458, 0.25],
          favorable: 0.708,
          trend: null,
          direction: null,
          trendWithheld: null,
        },
      ],
      items: [
        // 5, 4, 2, 5, 1, 3, 4: mean 3.43, sample SD 1.51.
        {
          id: "wellbeing-1",
          factor: "wellbeing",
          suppressed: false,
          n: 7,
          mean: 3.43,
          sd: 1.51,
          distribution: [0.143, 0.143, 0.143, 0.286, 0.286],
        },
        {
          id: "wellbeing-2",
          factor: "wellbeing",
          suppressed: false,
          n: 6,
          mean: 3.83,
          sd: 0.75,
          distribution: [0, 0, 0.333, 0.5, 0.167],
        },
        {
          id: "wellbeing-3",
          factor: "wellbeing",
          suppressed: false,
          n: 5,
          mean: 4,
          sd: 0.71,
          distribution: [0, 0, 0.2, 0.6, 0.2],
        },
        {
          id: "wellbeing-4",
          factor: "wellbeing",
          suppressed: false,
          n: 6,
          mean: 4.17,
          sd: 0.75,
          distribution: [0, 0, 0.167, 0.5, 0.333],
        },
      ],
      // One factor: nothing to rank.
      strengths: [],
      improvements: [],
    });
    // C has 2 responses: hidden. Org (14) − A (7) − B (5) would be C: B is hidden too.
    expect(unitReport(t.w.db, r, 5, "Org > C")).toEqual({
      round: r,
      unit: "Org > C",
      includesSubunits: true,
      invited: 3,
      suppressed: true,
      reason: "below_threshold",
    });
    expect(unitReport(t.w.db, r, 5, "Org > B")).toEqual({
      round: r,
      unit: "Org > B",
      includesSubunits: true,
      invited: 6,
      suppressed: true,
      reason: "complementary",
    });
    const org = unitReport(t.w.db, r, 5);
    expect(org).toMatchObject({ unit: "Org", invited: 17, responses: 14, responseRate: 0.824, suppressed: false });
    // With k = 3, C (2) is still hidden, and B stays hidden so that Org − A − B cannot give C.
    const k3 = roundReports(t.w.db, r, 3);
    expect(k3.byPath.get("Org > B")).toMatchObject({ suppressed: true, reason: "complementary" });
  });

  it("hides a statement only one person answered, and the factor whose figures would give it away", () => {
    const t = setup();
    const r = t.open();
    // Five responses in A; only the first answered wellbeing-4.
    t.respond(
      r,
      "A",
      [
        [4, 4, 4, 1],
        [4, 4, 4, null],
        [3, 3, 3, null],
        [5, 5, 5, null],
        [2, 2, 2, null],
      ],
      W,
    );
    t.close(r);
    const a = unitReport(t.w.db, r, 5, "Org > A");
    if (a.suppressed) throw new Error("A has five responses");
    expect(a.items.find((i) => i.id === "wellbeing-4")).toEqual({
      id: "wellbeing-4",
      factor: "wellbeing",
      suppressed: true,
      reason: "below_threshold",
    });
    expect(a.items.find((i) => i.id === "wellbeing-1")).toMatchObject({ suppressed: false, n: 5 });
    // The factor's mean and pooled distribution minus the three shown statements would be that one answer.
    expect(a.factors).toEqual([{ id: "wellbeing", suppressed: true, reason: "complementary" }]);
    expect(JSON.stringify(a)).not.toMatch(/"n":1\b/);
  });

  it("shows the change since the previous round of the series", () => {
    const t = setup();
    const first = t.open();
    t.respond(
      first,
      "A",
      [
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
      ],
      W,
    );
    t.close(first);
    t.w.clock.set("2026-11-09T09:00:00Z");
    const second = t.open();
    t.respond(
      second,
      "A",
      [
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [3, 3, 3, 3],
      ],
      W,
    );
    t.close(second);
    const a = unitReport(t.w.db, second, 5, "Org > A");
    if (a.suppressed) throw new Error("suppressed");
    // 3.0 → (4·4 + 3) / 5 = 3.8
    expect(a.factors[0]).toMatchObject({ mean: 3.8, trend: 0.8, direction: "up" });
  });

  it("flips reverse-scored statements, so that agreeing with a heavy demand scores low", () => {
    const t = setup("demands-resources");
    const r = t.open();
    const items = ["job-demands-1", "job-demands-2", "job-demands-3"];
    t.respond(
      r,
      "A",
      [
        [5, 5, 5],
        [5, 5, 4],
        [4, 5, 5],
        [5, 4, 5],
        [5, 5, 5],
      ],
      items,
    );
    t.close(r);
    const a = unitReport(t.w.db, r, 5, "Org > A");
    if (a.suppressed) throw new Error("suppressed");
    const demands = a.factors.find((f) => f.id === "job-demands")!;
    // Strong agreement (5) with a demand counts as 1: 12 fives and 3 fours → 12·1 + 3·2 = 18 over 15 → 1.2.
    expect(demands).toMatchObject({ n: 5, mean: 1.2, score: 5, favorable: 0 });
  });

  it("refuses to report a round that is still open", () => {
    const t = setup();
    const r = t.open();
    expect(() => unitReport(t.w.db, r, 5)).toThrow(/still open: results are shown only after it closes/);
  });
});

describe("comments", () => {
  it("are shown for a shown unit in random order and never for a hidden one", async () => {
    const { unitComments } = await import("../../src/reports/comments");
    const { comments: table } = await import("../../src/db/schema");
    const t = setup();
    const r = t.open();
    t.respond(r, "A", A_ROWS, W);
    t.respond(
      r,
      "B",
      [
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
        [4, 4, 4, 4],
      ],
      W,
    );
    t.respond(
      r,
      "C",
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
      ],
      W,
    );
    const unit = (p: string) => t.w.db.select({ id: units.id }).from(units).where(eq(units.path, p)).get()!.id;
    Array.from({ length: 6 }, (_, i) =>
      t.w.db
        .insert(table)
        .values({ id: 500 + i, roundId: r, unitId: unit("Org > A"), text: `A says ${i}` })
        .run(),
    );
    t.w.db
      .insert(table)
      .values({ id: 600, roundId: r, unitId: unit("Org > C"), text: "only two of us here" })
      .run();
    t.close(r);
    const a = unitComments(t.w.db, r, "Org > A", 5);
    expect(a.shown && [...a.comments].sort()).toEqual([
      "A says 0",
      "A says 1",
      "A says 2",
      "A says 3",
      "A says 4",
      "A says 5",
    ]);
    const orders = new Set(
      Array.from({ length: 20 }, () =>
        JSON.stringify((unitComments(t.w.db, r, "Org > A", 5) as { comments: string[] }).comments),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    expect(unitComments(t.w.db, r, "Org > C", 5)).toEqual({ shown: false });
    expect(unitComments(t.w.db, r, "Org > B", 5)).toEqual({ shown: false }); // hidden to protect C
  });
});
