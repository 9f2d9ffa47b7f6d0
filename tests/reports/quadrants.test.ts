import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open";
import { quadrantCounts } from "../../src/reports/quadrants";
import { buildVisualsOrg } from "../helpers/visuals-org";

describe("the leadership × engagement quadrants", () => {
  it("never show a count below k, and the hidden cells together hold 0 or at least k, wherever the lines cross", () => {
    const org = buildVisualsOrg();
    const { db, close } = openDatabase(org.path);
    const roundId = org.roundIds[2]!;
    const k = 5;
    // Every place the organization's averages could put the lines, in steps of 2.5 points: near the edges one
    // cell holds 1..k−1 people and another must be hidden with it (the test fails without that rule).
    for (let l = 0; l <= 100; l += 2.5) {
      for (let e = 0; e <= 100; e += 2.5) {
        const q = quadrantCounts(db, roundId, l, e, k);
        if (!("cells" in q)) throw new Error(`no cells: ${q.skipped}`);
        const shown = q.cells.flatMap((c) => (c.count === null ? [] : [c.count]));
        for (const c of shown) expect(c).toBeGreaterThanOrEqual(k);
        const residual = q.n - shown.reduce((s, c) => s + c, 0);
        expect(residual === 0 || residual >= k, `lines at ${l}/${e}: ${residual} hidden`).toBe(true);
      }
    }
    close();
  });

  it("say there is nothing to count for a round whose answers are gone", () => {
    const org = buildVisualsOrg();
    const { db, close } = openDatabase(org.path);
    const roundId = org.roundIds[0]!;
    db.run(
      sql`delete from response_factors where response_id in (select id from responses where round_id = ${roundId})`,
    );
    expect(quadrantCounts(db, roundId, 50, 50, 5)).toEqual({ skipped: "no_answers" });
    close();
  });
});
