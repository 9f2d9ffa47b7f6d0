import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsightsResponse, UnitVisualsResponse } from "../../src/web/api-types";
import type { RunningServer } from "../../src/server/start";
import { getJson, signIn } from "../helpers/dashboard-org";
import { buildVisualsOrg, hiddenValues, serveVisualsOrg, type VisualsOrg } from "../helpers/visuals-org";

let org: VisualsOrg;
let server: RunningServer;
let withBench: { org: VisualsOrg; server: RunningServer };
beforeAll(async () => {
  org = buildVisualsOrg();
  server = await serveVisualsOrg(org);
  const benchOrg = buildVisualsOrg({ benchmark: true });
  withBench = { org: benchOrg, server: await serveVisualsOrg(benchOrg) };
});
afterAll(async () => {
  await server?.stop();
  await withBench?.server.stop();
});

const visuals = async (who: string, unit: string, round = org.roundIds[2]!, s = server, o = org) =>
  getJson<UnitVisualsResponse>(s, `/api/rounds/${round}/units/${o.unitId(unit)}/visuals`, await signIn(s, who));

/** Every number anywhere in a JSON value. */
function numbers(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (Array.isArray(v)) return v.flatMap(numbers);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(numbers);
  return [];
}

describe("a unit's trend", () => {
  it("has one point per closed round, each with its own n, and a gap without a value where the figure is hidden", async () => {
    const { status, body } = await visuals("hr@org.example", "Org > A > A1");
    expect(status).toBe(200);
    expect(body.trend.rounds.map((r) => r.id)).toEqual(org.roundIds);
    const engagement = body.trend.factors.find((f) => f.id === "engagement")!;
    // Round 2: three of five answered, below k → a gap that carries no number.
    expect(engagement.points.map((p) => (p.shown ? `${p.score} n${p.n}` : p.why))).toEqual([
      "95 n5",
      "hidden",
      "100 n5",
    ]);
    expect(Object.keys(engagement.points[1]!).sort()).toEqual(["round", "shown", "why"]);
  });

  it("leaves a gap where the group changed by fewer than k people since the round before (rule 10)", async () => {
    const { body } = await visuals("hr@org.example", "Org > B");
    const points = body.trend.factors.find((f) => f.id === "engagement")!.points;
    expect(points.map((p) => (p.shown ? "shown" : p.why))).toEqual(["shown", "shown", "group_changed"]);
    expect(points[2]).toEqual({ round: org.roundIds[2], shown: false, why: "group_changed" });
  });

  it("is refused for a unit the viewer may not see", async () => {
    const r = await visuals("lead.b@org.example", "Org > A");
    expect(r.status).toBe(403);
  });
});

describe("comparisons", () => {
  it("put a unit beside the unit above and the organization, each with its own n, and no benchmark when none is imported", async () => {
    const { body } = await visuals("hr@org.example", "Org > A > A1");
    expect(body.hidden).toBeNull();
    expect(body.comparison?.parent).toEqual({ unit: "Org > A", visible: true });
    expect(body.comparison?.organization).toEqual({ unit: "Org", visible: true });
    const e = body.comparison!.factors.find((f) => f.id === "engagement")!;
    expect(e.unit).toEqual({ score: 100, n: 5 });
    expect(e.parent?.n).toBe(11);
    expect(e.organization?.n).toBe(30);
    expect(body.comparison!.factors.every((f) => f.benchmarks.length === 0)).toBe(true);
  });

  it("are left out for the organization itself when no benchmark is imported: nothing to compare it with", async () => {
    const { body } = await visuals("hr@org.example", "Org");
    expect(body.comparison).toBeNull();
    expect(body.trend.factors).toHaveLength(4);
  });

  it("show the imported benchmark where there is one", async () => {
    const { body } = await visuals(
      "hr@org.example",
      "Org > A",
      withBench.org.roundIds[2],
      withBench.server,
      withBench.org,
    );
    expect(body.comparison!.factors.find((f) => f.id === "engagement")!.benchmarks).toEqual([
      { label: "KS 2025", value: 70 },
    ]);
  });

  it("name the units above that a leader may not see, without their figures", async () => {
    const { body } = await visuals("lead.a1@org.example", "Org > A > A1");
    expect(body.comparison?.parent).toEqual({ unit: "Org > A", visible: false });
    expect(body.comparison?.organization).toEqual({ unit: "Org", visible: false });
    expect(body.comparison!.factors.every((f) => f.parent === null && f.organization === null)).toBe(true);
  });
});

describe("a hidden unit's leader", () => {
  it("learns why, k and the invited count, and that the unit above is not theirs to see: no number of either", async () => {
    const { status, body } = await visuals("lead.c@org.example", "Org > C");
    expect(status).toBe(200);
    expect(body.comparison).toBeNull();
    expect(body.hidden).toEqual({
      reason: "below_threshold",
      k: 5,
      invited: 4,
      next: "more_people",
      above: { kind: "no_access", unit: "Org" },
    });
    const hidden = hiddenValues(server.database.db, org.roundIds, 5);
    expect(hidden.size).toBeGreaterThan(3);
    expect(numbers(body).filter((n) => hidden.has(n))).toEqual([]);
  });

  it("sees the nearest shown unit above, labelled as that unit's, when they may see it", async () => {
    const round2 = org.roundIds[1]!;
    const lead = await visuals("lead.a@org.example", "Org > A > A1", round2);
    expect(lead.body.hidden?.above).toMatchObject({ kind: "shown", unit: "Org > A", responses: 9, invited: 14 });
    const above = lead.body.hidden!.above;
    expect(above.kind === "shown" && above.factors.every((f) => f.shown && f.n === 9)).toBe(true);
    // The same unit's own leader, who leads A1 only, is told A is not theirs.
    const own = await visuals("lead.a1@org.example", "Org > A > A1", round2);
    expect(own.body.hidden).toEqual({
      reason: "below_threshold",
      k: 5,
      invited: 6,
      next: "more_answers",
      above: { kind: "no_access", unit: "Org > A" },
    });
    const hidden = hiddenValues(server.database.db, org.roundIds, 5);
    for (const b of [lead.body, own.body]) expect(numbers(b).filter((n) => hidden.has(n))).toEqual([]);
  });
});

describe("insights", () => {
  it("count respondents per leadership × engagement quadrant, hiding each count below k and one more to protect it", async () => {
    const hr = await signIn(server, "hr@org.example");
    const { body } = await getJson<InsightsResponse>(server, `/api/rounds/${org.roundIds[2]}/insights`, hr);
    expect(body.lever).toEqual({ r: 0.5, score: 60 });
    expect(body.orgScores).not.toBeNull();
    const q = body.quadrants;
    if (!("cells" in q)) throw new Error(`no quadrants: ${JSON.stringify(q)}`);
    expect(q.n).toBe(30);
    const shown = q.cells.filter((c) => c.count !== null);
    const hiddenSum = q.n - shown.reduce((s, c) => s + (c.count ?? 0), 0);
    for (const c of shown) expect(c.count).toBeGreaterThanOrEqual(5);
    // What the hidden cells hold together is 0 or at least k, so the total minus the shown tells no small group.
    expect(hiddenSum === 0 || hiddenSum >= 5).toBe(true);
    for (const c of q.cells) if (c.count === null) expect(c.share).toBeNull();
  });
});
