import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { PulsenError } from "../../src/core/errors";
import type { Db } from "../../src/db/open";
import { importOrgCsv } from "../../src/org/import";
import { csv } from "../helpers/csv";
import { testDatabase } from "../helpers/db";

const clock = new ManualClock("2026-11-23T09:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);

/** The error lines a bad file produces (and proof that it was refused). */
function errorsOf(db: Db, text: string): string[] {
  try {
    importOrgCsv(db, bytes(text), { dryRun: false, clock });
  } catch (e) {
    expect(e).toBeInstanceOf(PulsenError);
    expect((e as PulsenError).message).toMatch(/nothing was imported/);
    return [...(e as PulsenError).details];
  }
  throw new Error("import unexpectedly succeeded");
}

describe("org import field limits", () => {
  it("refuses overlong fields with their line and limit, without echoing them", () => {
    const { db } = testDatabase();
    const huge = "x".repeat(100_000);
    const lines = errorsOf(
      db,
      csv([
        "kari@seljord.example,Kari Nordmann,Seljord kommune,,,,,,",
        `ola@seljord.example,${huge},Seljord kommune,,,,,,`,
        `${"a".repeat(250)}@x.no,Ola,Seljord kommune > ${"Avdeling ".repeat(20)},,${"hr;".repeat(80)},,,,${"Europe/".repeat(10)}`,
      ]),
    );
    expect(lines).toEqual([
      "line 3: name is longer than 200 characters",
      "line 4: email is longer than 254 characters",
      "line 4: unit has a part longer than 120 characters",
      "line 4: roles is longer than 200 characters",
      "line 4: timezone is longer than 64 characters",
    ]);
    expect(lines.join("\n").length).toBeLessThan(1000);
  });

  it("accepts fields right at their limits", () => {
    const { db } = testDatabase();
    const plan = importOrgCsv(db, bytes(csv([`kari@seljord.example,${"K".repeat(200)},Seljord kommune,,,,,,`])), {
      dryRun: true,
      clock,
    });
    expect(plan.add).toHaveLength(1);
  });
});
