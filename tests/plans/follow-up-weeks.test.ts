import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import { ALWAYS } from "../../src/core/quiet-hours";
import { measures, people, units } from "../../src/db/schema";
import { addMeasure, ensurePlan, setFocusAreas } from "../../src/plans/plans";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  "lead2.a@org.example,Leder To,Org > A,Org > A,,,,,",
  "ane@org.example,Ane Ansvarlig,Org > A,,,,,,",
  "ola@org.example,Ola Annen,Org > A,,,,,,",
]);

/** A closed round on Monday 2 November 2026 and a plan for Org > A with two measures due Wednesday 18 November. */
function setup() {
  const w = world({ start: "2026-11-02T08:00:00Z", org: ORG });
  const series = { name: "Puls", instrumentId: "engagement-pulse", audience: "all" as const, cadence: "0 9 1 * *" };
  const { id } = createSeries(
    w.db,
    { ...series, openDays: 7, reminderDays: [3], window: { ...ALWAYS } },
    w.clock.now(),
  );
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unitA = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org > A")).get()!.id;
  const lead = person("lead.a@org.example");
  const ane = person("ane@org.example");
  // 09:00 in Oslo on the deadline day, as the web app and chat set it.
  const deadline = new Date("2026-11-18T08:00:00Z");
  const [first, second] = w.db.transaction((tx) => {
    const plan = ensurePlan(tx, roundId, unitA, lead, w.clock.now());
    setFocusAreas(tx, plan, [{ factorId: "leadership", kind: "improve" }], w.clock.now());
    const add = (text: string) =>
      addMeasure(tx, plan, { text, responsibleId: ane, deadline, factorId: "leadership" }, lead, w.clock.now());
    return [add("Ukentlig tavlemøte"), add("Felles lunsj på fredager")];
  });
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger, "https://pulsen.example.no", w.platforms);
  /** What reached a person, as kind@day (YYYY-MM-DD in UTC, 08:00 being 09:00 in Oslo). */
  const got = (email: string, kind?: string) =>
    w.sender
      .to(person(email))
      .filter((d) => (kind === undefined ? d.kind.startsWith("measure") : d.kind === kind))
      .map((d) => `${d.kind}@${d.at.toISOString().slice(0, 10)}`);
  return { w, bot, person, first: first!, second: second!, ane, got };
}

describe("following up a plan through simulated weeks", () => {
  it("reminds on day −7 and −1, asks on the day, and escalates an overdue measure once to each leader", async () => {
    const { w, bot, first, second, ane, got, person } = setup();
    await w.runUntil("2026-11-18T09:00:00Z");
    const each = (kind: string, day: string) => [`${kind}@${day}`, `${kind}@${day}`];
    expect(got("ane@org.example")).toEqual([
      ...each("measure_remind", "2026-11-11"),
      ...each("measure_remind", "2026-11-17"),
      ...each("measure_ask", "2026-11-18"),
    ]);
    const remind = bot.compose({ kind: "measure_remind", measureId: first, days: 1 }, ane)!;
    expect(remind.summary).toBe("Et tiltak har frist i morgen");

    // Ane needs more time for the second: a week from today, picked among the choices offered.
    const later = bot.handle(ane, { a: "measure", m: second, s: "later" });
    const choices = later.update!.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(choices.map((c) => c.action)).toEqual([
      { a: "measure", m: second, s: "later", d: "2026-11-25" },
      { a: "measure", m: second, s: "later", d: "2026-12-02" },
      { a: "measure", m: second, s: "later", d: "2026-12-18" },
    ]);
    expect(bot.handle(ane, choices[0]!.action).update?.summary).toMatch(/^Takk! Ny frist er /);

    // The first is left: the next day both leaders hear of it, once each; the second is not escalated.
    await w.runUntil("2026-11-20T12:00:00Z");
    expect(got("lead.a@org.example")).toEqual(["measure_escalate@2026-11-19"]);
    expect(got("lead2.a@org.example")).toEqual(["measure_escalate@2026-11-19"]);
    const escalation = bot.compose({ kind: "measure_escalate", measureId: first }, person("lead.a@org.example"))!;
    expect(escalation.blocks.map((b) => ("text" in b ? b.text : ""))).toEqual([
      "Et tiltak er over fristen",
      "Ukentlig tavlemøte",
      expect.stringContaining("Ane Ansvarlig er ansvarlig. Fristen var"),
    ]);

    // The second's new deadline brings its own reminder and question; the first, moved later too, is never escalated twice.
    bot.handle(ane, { a: "measure", m: first, s: "later", d: "2026-11-26" });
    await w.runUntil("2026-12-10T12:00:00Z");
    expect(got("ane@org.example").slice(6).sort()).toEqual([
      "measure_ask@2026-11-25",
      "measure_ask@2026-11-26",
      "measure_remind@2026-11-24",
      "measure_remind@2026-11-25",
    ]);
    // The second, past its new deadline, is escalated once; the first is not told again.
    const escalations = (email: string, measureId: string) =>
      w.sender
        .to(person(email))
        .filter((d) => d.key.startsWith(`measure:${measureId}:escalate`))
        .map((d) => d.at.toISOString().slice(0, 10));
    for (const email of ["lead.a@org.example", "lead2.a@org.example"]) {
      expect(escalations(email, first)).toEqual(["2026-11-19"]);
      expect(escalations(email, second)).toEqual(["2026-11-26"]);
    }
    expect(
      w.db
        .select({ d: measures.deadline })
        .from(measures)
        .all()
        .map((m) => m.d.toISOString()),
    ).toEqual(["2026-11-26T08:00:00.000Z", "2026-11-25T08:00:00.000Z"]);
  });

  it("posts a monthly progress note to the unit's leaders until every measure is done", async () => {
    const { w, bot, first, second, ane, got, person } = setup();
    await w.runUntil("2026-12-02T12:00:00Z");
    expect(got("lead.a@org.example", "plan_monthly")).toEqual(["plan_monthly@2026-12-01"]);
    const note = w.sender.to(person("lead.a@org.example")).find((d) => d.kind === "plan_monthly")!;
    expect(note.key).toMatch(/^plan:.*:month:2026-12:person:/);
    const message = bot.compose(
      { kind: "plan_monthly", planId: w.db.select().from(measures).get()!.planId, month: "2026-12" },
      person("lead.a@org.example"),
    )!;
    expect(message.blocks).toEqual([
      { type: "header", text: "Tiltaksplan for Org > A: status desember 2026" },
      { type: "text", text: "0 av 2 tiltak gjennomført, 0 påbegynt, 2 over fristen." },
      {
        type: "table",
        columns: ["Tiltak", "Status", "Frist"],
        rows: [
          ["Ukentlig tavlemøte", "Ikke startet (over fristen)", expect.any(String)],
          ["Felles lunsj på fredager", "Ikke startet (over fristen)", expect.any(String)],
        ],
      },
    ]);
    expect(JSON.stringify(message)).not.toContain("Ane");
    bot.handle(ane, { a: "measure", m: first, s: "done" });
    bot.handle(ane, { a: "measure", m: second, s: "done" });
    await w.runUntil("2027-02-15T12:00:00Z");
    // January's note tells that all is done; after that, a finished plan says nothing more.
    expect(got("lead.a@org.example", "plan_monthly")).toEqual(["plan_monthly@2026-12-01", "plan_monthly@2027-01-01"]);
  });
});
