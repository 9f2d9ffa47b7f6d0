import { existsSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { BotAction, BotMessage } from "../../src/bot/message";
import { SurveyBot } from "../../src/bot/survey";
import { ALWAYS } from "../../src/core/quiet-hours";
import { appreciations, comments, draftAppreciations, people, units } from "../../src/db/schema";
import { truncateWal } from "../../src/db/traces";
import { planDraft } from "../../src/plans/plan-edit";
import { ensurePlan, setFocusAreas } from "../../src/plans/plans";
import { unitAppreciations } from "../../src/reports/comments";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { applyRetention } from "../../src/rounds/retention";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const DAY = 86_400_000;
const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  ...Array.from({ length: 4 }, (_, i) => `a${i}@org.example,Person A${i},Org > A,,,,,,`),
  ...Array.from({ length: 2 }, (_, i) => `a1_${i}@org.example,Person A1${i},Org > A > A1,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `b${i}@org.example,Person B${i},Org > B,,,,,,`),
]);
const IN_A = ["lead.a@org.example", "a0@org.example", "a1@org.example", "a2@org.example", "a3@org.example"];
const IN_A1 = ["a1_0@org.example", "a1_1@org.example"];
/** A distinctive text per person, with a bidi override that must not be stored. */
const TEXT = (email: string) => `Faste\u202e tavlemøter-QZX-${email.split("@")[0]} gjorde det bedre`;

/** A round, a plan for Org > A made after it, and the next round open. */
function setup() {
  const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
  const s = { name: "Puls", instrumentId: "quick-pulse", audience: "all" as const, cadence: "0 9 1 * *" };
  const { id } = createSeries(w.db, { ...s, openDays: 7, reminderDays: [], window: { ...ALWAYS } }, w.clock.now());
  const open = () =>
    w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
  const first = open();
  w.db.transaction((tx) => closeRound(tx, first, w.clock.now()));
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unit = (path: string) => w.db.select({ id: units.id }).from(units).where(eq(units.path, path)).get()!.id;
  w.db.transaction((tx) => {
    const plan = ensurePlan(tx, first, unit("Org > A"), person("lead.a@org.example"), w.clock.now());
    setFocusAreas(tx, plan, [{ factorId: "wellbeing", kind: "improve" }], w.clock.now());
  });
  w.clock.advance(28 * DAY);
  const second = open();
  const survey = new SurveyBot(w.db, w.clock, 5, w.logger);
  const tap = (email: string, action: BotAction, comment?: string) => {
    w.clock.advance(3000);
    return survey.handle(person(email), action, comment === undefined ? undefined : { comment }).update;
  };
  return { w, second, person, unit, tap };
}

const actions = (m: BotMessage | undefined) =>
  (m?.blocks ?? []).flatMap((b) =>
    b.type === "buttons"
      ? b.buttons
      : b.type === "likert"
        ? b.answers
        : b.type === "form"
          ? [b.submit, ...(b.skip ? [b.skip] : [])]
          : [],
  );
const find = (m: BotMessage | undefined, a: BotAction["a"]) => actions(m).find((b) => b.action.a === a)!.action;

/** Statements (4 each), then the focus-area question (better), and returns what comes next. */
function toAfterFocusAreas(tap: ReturnType<typeof setup>["tap"], email: string, roundId: string) {
  let m = tap(email, { a: "start", r: roundId });
  for (let i = 0; i < 4; i++) m = tap(email, actions(m)[3]!.action);
  if (!actions(m).some((b) => b.action.a === "followup")) return m;
  return tap(email, actions(m)[0]!.action);
}

describe("the appreciative question", () => {
  it("is asked once after the focus areas, only under a plan, and kept apart from answers and comments", () => {
    const { w, second, tap, person } = setup();
    const asked = toAfterFocusAreas(tap, "a0@org.example", second);
    expect(asked?.summary).toBe("Hva har blitt bedre siden sist, og hva fikk det til?");
    expect(asked?.blocks.find((b) => b.type === "form")).toMatchObject({ field: { multiline: true } });
    // Back goes to the focus-area question, and on again.
    const back = tap("a0@org.example", find(asked, "back"));
    expect(actions(back).some((b) => b.action.a === "followup")).toBe(true);
    const again = tap("a0@org.example", actions(back)[0]!.action);
    const comment = tap("a0@org.example", find(again, "appreciate"), TEXT("a0@org.example"));
    // Then the instrument's own open question, once.
    expect(actions(comment).map((b) => b.action.a)).toContain("skip_comment");
    expect(w.db.select().from(draftAppreciations).all()).toHaveLength(1);
    tap("a0@org.example", find(comment, "comment"), "En vanlig kommentar");

    // B had no plan: straight from the statements to the comment.
    const inB = toAfterFocusAreas(tap, "b0@org.example", second);
    expect(actions(inB).map((b) => b.action.a)).toContain("skip_comment");
    // A forged appreciative tap from B is refused and stores nothing.
    expect(tap("b0@org.example", { a: "appreciate", r: second }, "forged")?.summary).toMatch(/forsto jeg ikke/);

    expect(w.db.select().from(draftAppreciations).all()).toHaveLength(0);
    const stored = w.db.select().from(appreciations).all();
    expect(stored.map((a) => a.text)).toEqual(["Faste tavlemøter-QZX-a0 gjorde det bedre"]);
    // Its own table, with no person and no response: a unit and a round, like a comment.
    expect(Object.keys(stored[0]!).sort()).toEqual(["id", "roundId", "text", "unitId"]);
    expect(
      w.db
        .select()
        .from(comments)
        .all()
        .map((c) => c.text),
    ).toEqual(["En vanlig kommentar"]);

    // On disk: the page that holds it holds no one's name, e-mail or id.
    truncateWal(w.db);
    const file = readFileSync(w.path);
    const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
    const needle = Buffer.from("tavlemøter-QZX-a0");
    const at = file.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    expect(file.indexOf(needle, at + 1)).toBe(-1);
    const page = file.subarray(at - (at % pageSize), at - (at % pageSize) + pageSize);
    const someone = w.db.select().from(people).all();
    for (const p of someone) for (const id of [p.id, p.email, p.name]) expect(page.includes(id)).toBe(false);
    expect(existsSync(`${w.path}-wal`) && readFileSync(`${w.path}-wal`).includes(needle)).toBe(false);
    expect(person("a0@org.example")).toBeTruthy();
  });

  it("is shown to the unit's leader only where k reached it, with the digest counting it in chat", () => {
    const { w, second, tap, person, unit } = setup();
    for (const email of [...IN_A, ...IN_A1]) {
      const asked = toAfterFocusAreas(tap, email, second);
      const comment = tap(email, find(asked, "appreciate"), TEXT(email));
      tap(email, find(comment, "skip_comment"));
    }
    w.db.transaction((tx) => closeRound(tx, second, w.clock.now()));
    const a = unit("Org > A");
    const lead = person("lead.a@org.example");
    const draft = (k: number) => planDraft(w.db, { roundId: second, unitId: a, personId: lead }, k, w.clock.now());
    // Seven in A with A1 reached the question: at k = 5 their texts are shown, at k = 8 none is.
    const shown = draft(5).appreciative;
    expect(shown?.shown).toBe(true);
    expect(shown?.shown && [...shown.answers].sort()).toEqual(
      [...IN_A, ...IN_A1].map((e) => TEXT(e).replace("\u202e", "")).sort(),
    );
    expect(draft(8).appreciative).toEqual({ shown: false });
    // A1's two are too few on their own, whoever asks.
    expect(unitAppreciations(w.db, second, "Org > A > A1", 5)).toEqual({ shown: false });
    // B was not asked: nothing to show, not even "hidden".
    const hr = person("hr@org.example");
    expect(
      planDraft(w.db, { roundId: second, unitId: unit("Org > B"), personId: hr }, 5, w.clock.now()).appreciative,
    ).toBeNull();

    const digest = (k: number) =>
      JSON.stringify(
        new SurveyBot(w.db, w.clock, k, w.logger).compose({ kind: "digest", roundId: second, unitId: a }, lead),
      );
    expect(digest(5)).toContain("7 svar på «Hva har blitt bedre, og hva fikk det til?». Les dem i oversikten.");
    // The chat shows the count, never the texts.
    expect(digest(5)).not.toContain("QZX");
    expect(digest(8)).not.toContain("Hva har blitt bedre");

    // Retention treats them as it treats comments: gone with the round's answers.
    const later = new Date(w.clock.now().getTime() + 400 * DAY);
    w.db.transaction((tx) => applyRetention(tx, { months: 12, k: 5, now: later, dryRun: false }));
    expect(w.db.select().from(appreciations).all()).toEqual([]);
  });
});
