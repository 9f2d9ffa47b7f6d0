import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ALWAYS } from "../../src/core/quiet-hours";
import { people, units } from "../../src/db/schema";
import { exportPlan } from "../../src/plans/export";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const DAY = 86_400_000;
const UNIT = "@SUM(1)";
const NAME = "+cmd|' /C calc'!A0";
const TEXT = '=HYPERLINK("http://x","y")';

/** A closed round whose unit, responsible person and measure all look like spreadsheet formulas. */
function planWithFormulas() {
  const org = csv([`lead@org.example,Leder,"${UNIT}","${UNIT}",,,,,`, `"cmd@org.example","${NAME}","${UNIT}",,,,,,`]);
  const w = world({ start: "2026-11-02T09:00:00Z", org });
  const { id } = createSeries(
    w.db,
    {
      name: "-Puls",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 7,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    w.clock.now(),
  );
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unitId = w.db.select({ id: units.id }).from(units).where(eq(units.path, UNIT)).get()!.id;
  w.db.transaction((tx) => {
    const planId = ensurePlan(tx, roundId, unitId, person("lead@org.example"), w.clock.now());
    addMeasure(
      tx,
      planId,
      {
        text: TEXT,
        responsibleId: person("cmd@org.example"),
        deadline: new Date(w.clock.now().getTime() + 14 * DAY),
        factorId: null,
      },
      null,
      w.clock.now(),
    );
  });
  return { w, roundId };
}

describe("plan export as CSV", () => {
  it("writes measure texts, names, unit and series names that look like formulas as text", () => {
    const { w, roundId } = planWithFormulas();
    const { body } = exportPlan(w.db, roundId, UNIT, "csv", "en", w.clock.now());
    const [, row] = parse(body, { delimiter: ";", bom: true }) as string[][];
    // A leading apostrophe makes Excel, LibreOffice and Numbers show the cell as text, never run it.
    expect(row?.slice(0, 6)).toEqual([`'${UNIT}`, "'-Puls", "", `'${TEXT}`, "", `'${NAME}`]);
  });
});
