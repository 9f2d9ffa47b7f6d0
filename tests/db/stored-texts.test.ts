import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import type { BotAction } from "../../src/bot/message";
import { parseInstrument } from "../../src/core/instrument";
import { benchmarks, comments, measures, people, series, units } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importBenchmarks } from "../../src/reports/benchmark-import";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, editSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const EVIL = "\u202Eabc\u0000";
const ORG = csv([
  "lead@org.example,Leder,Org,Org,,,,,",
  // A bidi override that would show the name reversed, and an isolate inside a unit name.
  `kari@org.example,Ka\u202Eri\u0007 Nordmann,Org > Drift\u2066,,,,,,`,
]);

function setup() {
  const w = world({ start: "2026-11-24T09:00:00Z", org: ORG });
  const { id } = createSeries(
    w.db,
    {
      name: `Puls${EVIL}`,
      instrumentId: "quick-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3],
      window: { start: 0, end: 1440, weekdaysOnly: false },
    },
    w.clock.now(),
  );
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  return { w, id, roundId, person };
}

describe("texts people store", () => {
  it("are stored without control and bidi characters: comments, measures, series, names and units", () => {
    const { w, id, roundId, person } = setup();
    expect(w.db.select({ name: people.name }).from(people).where(eq(people.email, "kari@org.example")).get()).toEqual({
      name: "Kari Nordmann",
    });
    expect(
      w.db
        .select({ path: units.path })
        .from(units)
        .all()
        .map((u) => u.path)
        .sort(),
    ).toEqual(["Org", "Org > Drift"]);
    expect(w.db.select({ name: series.name }).from(series).get()).toEqual({ name: "Pulsabc" });
    editSeries(w.db, id, { name: `\u2067Ny\u2069 puls\u009B` }, w.clock.now());
    expect(w.db.select({ name: series.name }).from(series).get()).toEqual({ name: "Ny puls" });
    expect(() => editSeries(w.db, id, { name: "\u202E\u0000" }, w.clock.now())).toThrow(/name is empty/);

    const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
    const tap = (action: BotAction, input?: { comment?: string }) => {
      w.clock.advance(3000);
      return bot.handle(person("kari@org.example"), action, input);
    };
    tap({ a: "start", r: roundId });
    for (const i of ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"])
      tap({ a: "answer", r: roundId, i, v: 4 } as unknown as BotAction);
    tap({ a: "comment", r: roundId }, { comment: `${EVIL}\r\nlinje to\u001B[31m` });
    expect(w.db.select({ text: comments.text }).from(comments).all()).toEqual([{ text: "abc\nlinje to[31m" }]);

    w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
    const org = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org")).get()!.id;
    w.db.transaction((tx) => {
      const planId = ensurePlan(tx, roundId, org, person("lead@org.example"), w.clock.now());
      const m = {
        text: EVIL,
        responsibleId: person("kari@org.example"),
        deadline: new Date("2027-01-01"),
        factorId: null,
      };
      addMeasure(tx, planId, m, null, w.clock.now());
    });
    expect(w.db.select({ text: measures.text }).from(measures).all()).toEqual([{ text: "abc" }]);
  });

  it("are stored without them in a custom instrument's statements", () => {
    const base = builtinInstruments().find((i) => i.id === "quick-pulse")!;
    const custom = structuredClone(base);
    custom.id = "egen-puls";
    custom.factors[0]!.items[0]!.text.nb = `Jeg\u202E trives\u0000`;
    const parsed = parseInstrument(custom);
    expect(parsed.ok && parsed.value.factors[0]!.items[0]!.text.nb).toBe("Jeg trives");
  });

  it("are stored without them, and within a length, in benchmark labels", () => {
    const { w } = setup();
    const file = (label: string) => `instrument,factor,value,label\nengagement-pulse,engagement,75,"${label}"\n`;
    importBenchmarks(w.db, file("Norge\u202E 2020\u0000"));
    expect(w.db.select({ label: benchmarks.label }).from(benchmarks).all()).toEqual([{ label: "Norge 2020" }]);
    expect(() => importBenchmarks(w.db, file("x".repeat(10_000)))).toThrow(/nothing was imported/);
  });
});
