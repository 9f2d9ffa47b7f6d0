import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, type DashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

interface Draft {
  plan: null | { focus: { factorId: string; kind: string }[]; measures: { factorId: string }[] };
  suggested: { preserve: string[]; improve: string[] };
  limits: { preserve: number; improve: number; measuresPerArea: number };
  people: { id: string; name: string; unit: string; email: string }[];
}

let org: DashboardOrg;
let s: RunningServer;
beforeAll(async () => {
  org = buildDashboardOrg();
  // B's answers made to differ by factor, so that its report picks strengths and areas to improve.
  const db = new Database(org.path);
  const b = org.unitId("Org > B");
  const ofB = "response_id in (select id from responses where unit_id = ?)";
  const item = db.prepare(`update answers set value = ? where item_id like ? and ${ofB}`);
  const factor = db.prepare(`update response_factors set mean = ? where factor_id = ? and ${ofB}`);
  for (const [f, v] of [
    ["engagement", 5],
    ["leadership", 4],
    ["change", 1],
  ] as const) {
    item.run(v, `${f}-%`, b);
    factor.run(v, f, b);
  }
  db.close();
  s = await serveDashboardOrg(org);
});
afterAll(() => s.stop());

const json = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });
const NTNU = [
  { factorId: "engagement", kind: "preserve" },
  { factorId: "leadership", kind: "preserve" },
  { factorId: "execution", kind: "improve" },
  { factorId: "change", kind: "improve" },
];

describe("a plan's focus areas and measures", () => {
  it("take two areas to preserve and two to improve, three measures each, and say why not in Norwegian", async () => {
    const a = org.unitId("Org > A");
    const url = `/api/rounds/${org.roundId}/units/${a}/plan`;
    const lead = await signIn(s, "lead.a@org.example");
    const third = [...NTNU, { factorId: "engagement", kind: "improve" }];
    expect(await getJson(s, `${url}/focus`, lead, json("PUT", { areas: third }))).toMatchObject({
      status: 400,
      body: { message: "Et fokusområde er valgt to ganger." },
    });
    const fiveWithThreeToImprove = [...NTNU.slice(0, 3), { factorId: "change", kind: "improve" }].map((x) =>
      x.factorId === "leadership" ? { ...x, kind: "improve" } : x,
    );
    expect(await getJson(s, `${url}/focus`, lead, json("PUT", { areas: fiveWithThreeToImprove }))).toMatchObject({
      status: 400,
      body: { message: "Velg høyst 2 fokusområder å forbedre." },
    });
    const saved = await getJson<{ plan: Draft["plan"] }>(s, `${url}/focus`, lead, json("PUT", { areas: NTNU }));
    expect(saved.status).toBe(200);
    expect(saved.body.plan?.focus).toHaveLength(4);

    const measure = (text: string, factorId: string) =>
      getJson(
        s,
        `${url}/measures`,
        lead,
        json("POST", { text, responsibleId: org.personId("a0@org.example"), deadline: "2026-12-20", factorId }),
      );
    for (const text of ["Første tiltak", "Andre tiltak", "Tredje tiltak"])
      expect((await measure(text, "change")).status).toBe(200);
    expect(await measure("Fjerde tiltak", "change")).toMatchObject({
      status: 400,
      body: { message: "Et fokusområde kan ha høyst 3 tiltak." },
    });
    // Dropping an area that holds measures would orphan them.
    expect(await getJson(s, `${url}/focus`, lead, json("PUT", { areas: NTNU.slice(0, 3) }))).toMatchObject({
      status: 400,
      body: { message: "Et fokusområde du tok bort, har tiltak. Behold området, eller flytt tiltakene først." },
    });
    const draft = await getJson<Draft>(s, url, lead);
    expect(draft.body.plan?.measures.map((m) => m.factorId)).toEqual(["change", "change", "change"]);
    expect(draft.body.limits).toEqual({ preserve: 2, improve: 2, measuresPerArea: 3 });
    // The responsible picker tells namesakes apart.
    expect(draft.body.people.find((p) => p.email === "a1_0@org.example")).toMatchObject({
      name: "A1 0",
      unit: "Org > A > A1",
    });
  });

  it("refuse in English for an English reader, and name a measure outside the focus areas", async () => {
    const b = org.unitId("Org > B");
    const url = `/api/rounds/${org.roundId}/units/${b}/plan`;
    const lead = await signIn(s, "lead.b@org.example");
    const tooMany = NTNU.map((x) => ({ ...x, kind: "preserve" }));
    expect(await getJson(s, `${url}/focus`, lead, json("PUT", { areas: tooMany }))).toMatchObject({
      status: 400,
      body: { message: "focus: choose at most 2 areas to preserve" },
    });
    await getJson(s, `${url}/focus`, lead, json("PUT", { areas: NTNU.slice(0, 1) }));
    const outside = await getJson(
      s,
      `${url}/measures`,
      lead,
      json("POST", {
        text: "Felles lunsj",
        responsibleId: org.personId("b0@org.example"),
        deadline: "2026-12-20",
        factorId: "change",
      }),
    );
    expect(outside).toMatchObject({
      status: 400,
      body: { message: 'factorId: "change" is not a focus area of this plan' },
    });
  });

  it("are suggested from the strengths and areas to improve that the unit's report chose", async () => {
    const d = org.unitId("Org > B");
    const hr = await signIn(s, "hr@org.example");
    const results = await getJson<{ units: { unitId: string; strengths: string[]; improvements: string[] }[] }>(
      s,
      `/api/rounds/${org.roundId}/results`,
      hr,
    );
    const report = results.body.units.find((u) => u.unitId === d)!;
    const draft = await getJson<Draft>(s, `/api/rounds/${org.roundId}/units/${d}/plan`, hr);
    expect(report.strengths).toEqual(["engagement", "leadership"]);
    expect(draft.body.suggested).toEqual({
      preserve: report.strengths.slice(0, 2),
      improve: report.improvements.slice(0, 2),
    });
    // A unit hidden below k suggests nothing: its strengths would tell what its few people answered.
    const c = org.unitId("Org > C");
    const hidden = await getJson<Draft>(s, `/api/rounds/${org.roundId}/units/${c}/plan`, hr);
    expect(hidden.body.suggested).toEqual({ preserve: [], improve: [] });
  });

  it("add up, for HR only, to how many units have a plan and how far their measures have come", async () => {
    const hr = await signIn(s, "hr@org.example");
    const lead = await signIn(s, "lead.a@org.example");
    expect((await getJson(s, "/api/plans/overview", lead)).status).toBe(403);
    const o = await getJson<{
      units: number;
      withPlan: number;
      measures: { total: number; done: number; overdue: number };
      byUnit: { unit: string; total: number; done: number; inProgress: number; overdue: number }[];
    }>(s, "/api/plans/overview", hr);
    expect(o.body).toMatchObject({ units: 6, withPlan: 2, measures: { total: 3, done: 0, overdue: 0 } });
    expect(o.body.byUnit.map((u) => [u.unit, u.total, u.done, u.inProgress, u.overdue])).toEqual([
      ["Org > A", 3, 0, 0, 0],
      ["Org > B", 0, 0, 0, 0],
    ]);
    // Moving a deadline, as "need more time" does in chat.
    const a = org.unitId("Org > A");
    const plan = await getJson<Draft>(s, `/api/rounds/${org.roundId}/units/${a}/plan`, lead);
    const id = (plan.body.plan as unknown as { measures: { id: string }[] }).measures[0]!.id;
    const moved = await getJson(s, `/api/measures/${id}/deadline`, lead, json("PATCH", { deadline: "2027-01-15" }));
    expect(moved.body).toEqual({ deadline: "2027-01-15T08:00:00.000Z", changed: true });
    const past = await getJson(s, `/api/measures/${id}/deadline`, lead, json("PATCH", { deadline: "2020-01-15" }));
    expect(past).toMatchObject({ status: 400 });
  });
});
