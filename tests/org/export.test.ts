import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { exportOrgCsv } from "../../src/org/export";
import { importOrgCsv } from "../../src/org/import";
import { HEADER } from "../helpers/csv";
import { testDatabase } from "../helpers/db";

const clock = new ManualClock("2026-12-01T09:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("org export", () => {
  it("writes phone and channel too, and imports back with nothing to change", () => {
    const { db } = testDatabase();
    const file = [
      `${HEADER},phone,channel`,
      "a@x.no,Anne,Org > Pleie,,,,,nn,,+4791234567,sms",
      "b@x.no,Bjørn,Org > Pleie,Org > Pleie,,,,,,,email",
      "c@x.no,=Cecilie,Org,,hr,,,,,,",
      `d@x.no,"+cmd|' /C calc'!A0",Org > @SUM(1),,,,,,,,`,
      `e@x.no,"=HYPERLINK(""http://x"",""y"")",Org > -Minus,,,,,,,,`,
    ].join("\n");
    importOrgCsv(db, bytes(file), { dryRun: false, clock });
    const exported = exportOrgCsv(db, { excel: true });
    expect(exported.split("\n")[0]).toBe(`\uFEFF${HEADER.replaceAll(",", ";")};phone;channel`);
    // A leading + or = would be a formula in Excel: the cell is quoted as text, and read back as it was.
    expect(exported).toContain(";'+4791234567;sms");
    expect(exported).toContain("'=Cecilie");
    expect(exported).toContain(`;'+cmd|' /C calc'!A0;Org > @SUM(1);`);
    expect(exported).toContain(`"'=HYPERLINK(""http://x"",""y"")";Org > -Minus`);
    const again = importOrgCsv(db, bytes(exported), { dryRun: true, clock });
    expect({ add: again.add, update: again.update, deactivate: again.deactivate }).toEqual({
      add: [],
      update: [],
      deactivate: [],
    });
  });
});
