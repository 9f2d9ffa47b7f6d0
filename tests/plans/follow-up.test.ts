import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/bot/assistant";
import { SurveyBot } from "../../src/bot/survey";
import { isPulsenError } from "../../src/core/errors";
import { ALWAYS } from "../../src/core/quiet-hours";
import { measureUpdates, measures, people, units } from "../../src/db/schema";
import { addMeasure, ensurePlan, findPlan, setFocusAreas } from "../../src/plans/plans";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const DAY = 86_400_000;
const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  "ane@org.example,Ane Ansvarlig,Org > A,,,,,,",
  "ola@org.example,Ola Annen,Org > A,,,,,,",
]);

function setup() {
  const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
  const { id } = createSeries(
    w.db,
    {
      name: "Puls",
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
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unitA = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org > A")).get()!.id;
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger, "https://pulsen.example.no", w.platforms);
  return { w, roundId, person, unitA, bot };
}

const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isPulsenError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "no error";
};

describe("action plans", () => {
  it("wait for the round to close, and keep focus areas and measures within the rules", () => {
    const { w, roundId, person, unitA } = setup();
    const lead = person("lead.a@org.example");
    expect(failure(() => w.db.transaction((tx) => ensurePlan(tx, roundId, unitA, lead, w.clock.now())))).toBe(
      "conflict: an action plan follows the results: wait until the round closes",
    );
    w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
    const planId = w.db.transaction((tx) => ensurePlan(tx, roundId, unitA, lead, w.clock.now()));
    // A second call finds the same plan: one per unit per round.
    expect(w.db.transaction((tx) => ensurePlan(tx, roundId, unitA, lead, w.clock.now()))).toBe(planId);

    const focus = (areas: { factorId: string; kind: "preserve" | "improve" }[]) =>
      failure(() => w.db.transaction((tx) => setFocusAreas(tx, planId, areas, w.clock.now())));
    expect(
      focus([
        { factorId: "engagement", kind: "preserve" },
        { factorId: "leadership", kind: "improve" },
        { factorId: "execution", kind: "improve" },
        { factorId: "change", kind: "improve" },
      ]),
    ).toBe("input_invalid: focus: choose at most 2 areas to improve");
    expect(focus([])).toBe("input_invalid: focus: choose at least one focus area");
    expect(focus([{ factorId: "wellbeing", kind: "improve" }])).toBe(
      'input_invalid: focus: "wellbeing" is not a factor of this round',
    );
    expect(
      focus([
        { factorId: "leadership", kind: "improve" },
        { factorId: "leadership", kind: "preserve" },
      ]),
    ).toBe('input_invalid: focus: "leadership" is chosen twice');
    expect(
      focus([
        { factorId: "leadership", kind: "improve" },
        { factorId: "engagement", kind: "preserve" },
      ]),
    ).toBe("no error");

    const add = (m: Partial<{ text: string; responsibleId: string; deadline: Date; factorId: string | null }>) =>
      failure(() =>
        w.db.transaction((tx) =>
          addMeasure(
            tx,
            planId,
            {
              text: "Ukentlig tavlemøte",
              responsibleId: person("ane@org.example"),
              deadline: new Date(w.clock.now().getTime() + 14 * DAY),
              factorId: "leadership",
              ...m,
            },
            lead,
            w.clock.now(),
          ),
        ),
      );
    expect(add({ deadline: new Date(w.clock.now().getTime() - DAY) })).toBe(
      "input_invalid: deadline must be in the future",
    );
    expect(add({ text: " x " })).toBe("input_invalid: text must be 3–500 characters");
    expect(add({ responsibleId: "p_nobody" })).toBe(
      "input_invalid: responsibleId is not an active person in the organization",
    );
    expect(add({ factorId: "wellbeing" })).toBe('input_invalid: focus: "wellbeing" is not a factor of this round');
    expect(w.db.select().from(measures).all()).toHaveLength(0);
    expect(add({})).toBe("no error");
    expect(findPlan(w.db, roundId, unitA, w.clock.now())).toMatchObject({
      unit: "Org > A",
      focus: [
        { factorId: "leadership", kind: "improve" },
        { factorId: "engagement", kind: "preserve" },
      ],
      measures: [{ text: "Ukentlig tavlemøte", responsible: { name: "Ane Ansvarlig" }, status: "not_started" }],
      progress: { total: 1, done: 0, notStarted: 1, overdue: 0 },
    });
    // The leader's home view (Slack App Home) shows the plan's progress; an employee's does not.
    const home = (email: string) =>
      JSON.stringify(new Assistant(w.db, w.clock, "https://pulsen.example.no", 5).home(person(email)));
    expect(home("lead.a@org.example")).toContain("Tiltaksplan for Org > A: 0 av 1 tiltak gjennomført.");
    expect(home("ola@org.example")).not.toContain("Tiltaksplan");
  });

  it("are followed up: reminders a week and a day before, the question on the day, progress to the leader, and nothing once done", async () => {
    const { w, roundId, person, unitA, bot } = setup();
    const lead = person("lead.a@org.example");
    const ane = person("ane@org.example");
    w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
    const start = w.clock.now().getTime();
    const measureId = w.db.transaction((tx) =>
      addMeasure(
        tx,
        ensurePlan(tx, roundId, unitA, lead, w.clock.now()),
        // A Wednesday: the day before and the week before are weekdays too, inside the send window.
        { text: "Ukentlig tavlemøte", responsibleId: ane, deadline: new Date(start + 16 * DAY), factorId: null },
        lead,
        w.clock.now(),
      ),
    );
    const kinds = (to: string) =>
      w.sender
        .to(to)
        .filter((d) => d.kind.startsWith("measure") || d.kind === "plan_progress")
        .map((d) => `${d.kind}@${Math.round((d.at.getTime() - start) / DAY)}`);

    await w.runUntil(new Date(start + 16 * DAY + 3600_000));
    expect(kinds(ane)).toEqual(["measure_remind@9", "measure_remind@15", "measure_ask@16"]);
    const ask = bot.compose({ kind: "measure_ask", measureId }, ane)!;
    const buttons = ask.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual(["Gjennomført", "Påbegynt", "Trenger mer tid"]);
    expect(ask.summary).toBe("Fristen er i dag: hvordan gikk det med tiltaket?");
    expect(JSON.stringify(ask)).toContain("Ukentlig tavlemøte");

    // Someone else cannot answer for Ane.
    const ola = bot.handle(person("ola@org.example"), buttons[0]!.action);
    expect(ola.update?.summary).toBe("Dette tiltaket kan bare den ansvarlige, enhetens leder eller HR oppdatere.");
    expect(w.db.select({ s: measures.status }).from(measures).get()!.s).toBe("not_started");

    expect(bot.handle(ane, buttons[0]!.action).update?.summary).toBe("Takk! Tiltaket er registrert som: Gjennomført.");
    // The same tap again changes nothing and tells nobody twice.
    bot.handle(ane, buttons[0]!.action);
    await w.runUntil(new Date(start + 60 * DAY));
    // Done on the day: no escalation, no more questions; the leader hears of the change.
    expect(kinds(ane)).toEqual(["measure_remind@9", "measure_remind@15", "measure_ask@16"]);
    expect(kinds(lead)).toEqual(["plan_progress@16"]);
    expect(
      bot.compose({ kind: "plan_progress", measureId }, lead)!.blocks.map((b) => ("text" in b ? b.text : "")),
    ).toEqual([
      "Tiltaksplan for Org > A",
      "«Ukentlig tavlemøte» (Ane Ansvarlig): Gjennomført. Planen: 1 av 1 tiltak gjennomført.",
    ]);
    expect(
      w.db
        .select({ s: measureUpdates.status })
        .from(measureUpdates)
        .all()
        .map((u) => u.s),
    ).toEqual(["not_started", "done"]);
  });
});
