import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import type { BotAction, BotMessage } from "../../src/bot/message";
import { ALWAYS } from "../../src/core/quiet-hours";
import { answers, draftAnswers, people, units } from "../../src/db/schema";
import { ensurePlan, setFocusAreas } from "../../src/plans/plans";
import { followUpResults } from "../../src/reports/follow-up";
import { roundReports } from "../../src/reports/report";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const DAY = 86_400_000;
const ORG = csv([
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  ...Array.from({ length: 4 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 2 }, (_, i) => `a1_${i}@org.example,A1 ${i},Org > A > A1,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
]);

function setup() {
  const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
  const { id } = createSeries(
    w.db,
    {
      name: "Puls",
      instrumentId: "quick-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 7,
      reminderDays: [],
      window: { ...ALWAYS },
    },
    w.clock.now(),
  );
  const first = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  w.db.transaction((tx) => closeRound(tx, first, w.clock.now()));
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unit = (path: string) => w.db.select({ id: units.id }).from(units).where(eq(units.path, path)).get()!.id;
  w.db.transaction((tx) =>
    setFocusAreas(
      tx,
      ensurePlan(tx, first, unit("Org > A"), person("lead.a@org.example"), w.clock.now()),
      [{ factorId: "wellbeing", kind: "improve" }],
      w.clock.now(),
    ),
  );
  w.clock.advance(28 * DAY);
  const second = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  const survey = new SurveyBot(w.db, w.clock, 5, w.logger);
  // Each tap a few seconds after the last: a tap within a second of a statement appearing is a double tap.
  const bot = {
    handle: (personId: string, action: BotAction) => {
      w.clock.advance(3000);
      return survey.handle(personId, action);
    },
    compose: survey.compose.bind(survey),
  };
  return { w, first, second, person, unit, bot };
}

const buttons = (m: BotMessage | undefined) =>
  (m?.blocks ?? []).flatMap((b) =>
    b.type === "buttons"
      ? b.buttons
      : b.type === "likert"
        ? b.answers
        : b.type === "form"
          ? [b.submit, ...(b.skip ? [b.skip] : [])]
          : [],
  );
const texts = (m: BotMessage | undefined) =>
  (m?.blocks ?? []).flatMap((b) => ("text" in b ? [b.text] : b.type === "likert" ? [b.statement] : [])).join(" | ");

/** Answers every statement with 4, then takes whatever comes next. */
function throughStatements(bot: Pick<SurveyBot, "handle">, personId: string, roundId: string): BotMessage | undefined {
  let m = bot.handle(personId, { a: "start", r: roundId }).update;
  for (let i = 0; i < 4; i++) m = bot.handle(personId, buttons(m)[3]!.action).update;
  return m;
}

describe("the round after an action plan", () => {
  it("asks everyone in the plan's unit and below whether each focus area improved, and no one else", () => {
    const { w, second, person, bot } = setup();
    const inA1 = throughStatements(bot, person("a1_0@org.example"), second);
    // A1 is below A: the question names whose plan it was.
    expect(texts(inA1)).toBe(
      "Utsagn 5 av 5 | I tiltaksplanen til A valgte dere sist å jobbe med «Trivsel». Har det blitt bedre siden da? | ▰▰▰▰▰▰▰▰▱▱ 4/5",
    );
    expect(buttons(inA1).map((b) => b.label)).toEqual(["Bedre", "Som før", "Dårligere", "Vil ikke svare", "← Tilbake"]);
    const inA = throughStatements(bot, person("a0@org.example"), second);
    expect(texts(inA)).toMatch(/^Utsagn 5 av 5 \| I tiltaksplanen til enheten din valgte dere sist/);
    // The invitation counted it: four statements and one question about the plan.
    const invite = JSON.stringify(bot.compose({ kind: "invite", roundId: second }, person("a0@org.example")));
    expect(invite).toContain("4 korte utsagn og 1 spørsmål om tiltaksplanen fra sist");
    expect(JSON.stringify(bot.compose({ kind: "invite", roundId: second }, person("b0@org.example")))).toContain(
      "4 korte utsagn, omtrent",
    );
    const after = bot.handle(person("a1_0@org.example"), buttons(inA1)[0]!.action).update;
    // On to the open question; the message never says what was chosen.
    expect(texts(after)).not.toMatch(/Bedre|Som før|Dårligere/);
    expect(after?.blocks.some((b) => b.type === "form")).toBe(true);
    expect(
      w.db
        .select()
        .from(draftAnswers)
        .all()
        .filter((d) => d.itemId.startsWith("fu_")),
    ).toHaveLength(1);

    const inB = throughStatements(bot, person("b0@org.example"), second);
    expect(inB?.blocks.some((b) => b.type === "form")).toBe(true);
    // A follow-up id of someone else's plan is refused.
    const forged: BotAction = { ...(buttons(inA1)[0]!.action as Extract<BotAction, { a: "followup" }>) };
    expect(bot.handle(person("b1@org.example"), forged).update?.summary).toBe(
      "Det knappetrykket forsto jeg ikke. Prøv gjerne igjen fra den siste meldingen.",
    );
  });

  it("stores the answers anonymously and reports them only for a shown unit with k answers", () => {
    const { w, second, person, unit, bot } = setup();
    const votes: [string, 0 | 1 | 2 | 3][] = [
      ["a0@org.example", 0],
      ["a1@org.example", 0],
      ["a2@org.example", 1],
      ["a3@org.example", 0],
      ["a1_0@org.example", 2],
      ["a1_1@org.example", 3], // skips
      ["lead.a@org.example", 0],
    ];
    for (const [email, choice] of votes) {
      const m = throughStatements(bot, person(email), second);
      const asked = bot.handle(person(email), buttons(m)[choice]!.action).update;
      const done = bot.handle(
        person(email),
        buttons(asked).find((b) => b.action.a === "skip_appreciate")!.action,
      ).update;
      bot.handle(person(email), buttons(done).find((b) => b.action.a === "skip_comment")!.action);
    }
    for (let i = 0; i < 6; i++) {
      const m = throughStatements(bot, person(`b${i}@org.example`), second);
      bot.handle(person(`b${i}@org.example`), buttons(m).find((b) => b.action.a === "skip_comment")!.action);
    }
    w.db.transaction((tx) => closeRound(tx, second, w.clock.now()));
    const stored = w.db
      .select()
      .from(answers)
      .all()
      .filter((a) => a.itemId.startsWith("fu_"));
    expect(stored.map((a) => a.value).sort()).toEqual([1, 2, 3, 3, 3, 3]);
    expect(Object.keys(stored[0]!).sort()).toEqual(["itemId", "responseId", "value"]);

    const reports = roundReports(w.db, second, 5);
    const results = followUpResults(w.db, second, reports, 5);
    expect(results.get(unit("Org > A"))).toEqual([
      { factorId: "wellbeing", kind: "improve", n: 6, better: 0.67, same: 0.17, worse: 0.17 },
    ]);
    // With k = 7 the six answers are too few: nothing is shown.
    expect(followUpResults(w.db, second, roundReports(w.db, second, 7), 7).size).toBe(0);
    expect(
      JSON.stringify(
        new SurveyBot(w.db, w.clock, 5, w.logger).compose(
          { kind: "digest", roundId: second, unitId: unit("Org > A") },
          null,
        ),
      ),
    ).toContain("Siden forrige tiltaksplan, Trivsel: 67 % sier bedre, 17 % som før, 17 % dårligere.");
  });
});
