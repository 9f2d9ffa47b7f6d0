import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open";
import { addMeasure, ensurePlan, setFocusAreas } from "../../src/plans/plans";
import { buildDashboardOrg } from "../helpers/dashboard-org";
import { pulsen } from "../helpers/cli";

const DAY = 86_400_000;

function orgWithPlan() {
  const org = buildDashboardOrg();
  const h = openDatabase(org.path);
  const now = org.clock.now();
  h.db.transaction((tx) => {
    const plan = ensurePlan(tx, org.roundId, org.unitId("Org > A"), org.personId("lead.a@org.example"), now);
    setFocusAreas(tx, plan, [{ factorId: "leadership", kind: "improve" }], now);
    addMeasure(
      tx,
      plan,
      {
        text: "Én-til-én-samtaler hver måned",
        responsibleId: org.personId("lead.a@org.example"),
        deadline: new Date(now.getTime() + 30 * DAY),
        factorId: "leadership",
      },
      null,
      now,
    );
    addMeasure(
      tx,
      plan,
      {
        text: "Felles frokost",
        responsibleId: org.personId("a2@org.example"),
        deadline: new Date(now.getTime() + 10 * DAY),
        factorId: null,
      },
      null,
      now,
    );
  });
  h.close();
  return org;
}

describe("pulsen plan", () => {
  it("lists plans with their focus and progress, for everything or below a unit", async () => {
    const org = orgWithPlan();
    const opts = { databasePath: org.path, clock: org.clock };
    const all = await pulsen(["plan", "list"], opts);
    expect(all.code).toBe(0);
    expect(all.stdout).toBe(`Org > A · Engasjementspuls (${org.roundId}) · leadership (improve) · 0/2 done\n`);
    const json = (await pulsen(["plan", "list", "--json"], opts)).json() as {
      unit: string;
      measures: { text: string }[];
    }[];
    expect(json.map((p) => [p.unit, p.measures.map((m) => m.text)])).toEqual([
      ["Org > A", ["Felles frokost", "Én-til-én-samtaler hver måned"]],
    ]);
    expect((await pulsen(["plan", "list", "--unit", "Org > B"], opts)).stdout).toBe("No action plans yet.\n");
    expect((await pulsen(["plan", "list", "--unit", "Org"], opts)).stdout).toContain("Org > A");
    // Past the first deadline, it says so.
    org.clock.advance(11 * DAY);
    expect((await pulsen(["plan", "list"], opts)).stdout).toContain("0/2 done, 1 overdue");
  });

  it("exports one unit's plan as CSV or printable HTML, and refuses what does not exist", async () => {
    const org = orgWithPlan();
    const opts = { databasePath: org.path, clock: org.clock };
    const csv = await pulsen(["plan", "export", org.roundId, "--unit", "Org > A", "--format", "csv"], opts);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    // For Norwegian Excel: ";" between columns (and a BOM, which reading the output as text drops), status in words.
    expect(lines[0]).toBe(
      "unit;series;focus_areas;measure;area;responsible;deadline;status;updated;area_kind;status_text",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      "Org > A;Engasjementspuls;Ledelse (forbedre);Felles frokost;;A 2;2026-12-10;not_started;2026-11-30;;Ikke startet",
    );
    const html = await pulsen(["plan", "export", org.roundId, "--unit", "Org > A", "--format", "html"], opts);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain("0 av 2 tiltak gjennomført");
    const pdf = await pulsen(["plan", "export", org.roundId, "--unit", "Org > A", "--format", "pdf"], opts);
    expect(pdf.code).toBe(2);
    const none = await pulsen(["plan", "export", org.roundId, "--unit", "Org > B", "--format", "csv"], opts);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`Org > B has no action plan for round ${org.roundId}`);
  });
});
