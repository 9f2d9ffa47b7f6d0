import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { type ImportPlan, planImport, validateRows } from "../../src/core/org-import";
import { applyImport } from "../../src/db/org-apply";
import { loadOrgSnapshot, loadOrgTree } from "../../src/db/org-store";
import { readOrgCsv } from "../../src/org/csv";
import { SMALL_ORG } from "../helpers/csv";
import { testDatabase } from "../helpers/db";

const clock = new ManualClock("2026-11-23T09:00:00Z");

function planFor(text: string): ImportPlan {
  const csv = readOrgCsv(new TextEncoder().encode(text));
  if (!csv.ok) throw new Error("bad csv");
  const valid = validateRows(csv.rows, null);
  if (!valid.ok) throw new Error("bad rows");
  return planImport(valid.rows, { orgName: null, unitPaths: new Set(), people: new Map() });
}

describe("applyImport", () => {
  it("writes all of a plan or none of it", () => {
    const { db } = testDatabase();
    const plan = planFor(SMALL_ORG);
    // Sabotage the last person: their unit is never created, so the write fails halfway.
    const last = plan.add[plan.add.length - 1]!;
    plan.add[plan.add.length - 1] = { ...last, unit: ["Seljord kommune", "Nowhere"] };
    expect(() => applyImport(db, plan, clock)).toThrow(/unit missing/);
    expect(loadOrgTree(db)).toBeNull();
    expect(loadOrgSnapshot(db).people.size).toBe(0);
  });
});
