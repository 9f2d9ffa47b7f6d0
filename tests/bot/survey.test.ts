import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import type { BotAction, BotMessage, BotReply } from "../../src/bot/message";
import { openDatabase } from "../../src/db/open";
import { draftAnswers, drafts, invitations, outbox, people, responses } from "../../src/db/schema";
import type { PersonId } from "../../src/core/ids";
import { rememberTeamsReference } from "../../src/db/platform-store";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "ola@fjord.example,Ola,Fjord AS > Drift,,,,,,",
  "kari@fjord.example,Kari,Fjord AS > Drift,,,,,,",
  "sam@fjord.example,Sam,Fjord AS > Salg,,,,,en,America/New_York",
]);

function setup() {
  // Tuesday 10:00 in Oslo.
  const w = world({ start: "2026-11-24T09:00:00Z", org: ORG });
  const { id } = createSeries(
    w.db,
    {
      name: "Puls",
      instrumentId: "quick-pulse",
      audience: "Fjord AS > Drift",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3, 7],
      window: { start: 480, end: 1020, weekdaysOnly: true },
    },
    w.clock.now(),
  );
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
  const person = (email: string) =>
    w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const draft = (p: string) =>
    w.db
      .select()
      .from(drafts)
      .where(and(eq(drafts.roundId, roundId), eq(drafts.personId, p)))
      .get();
  const answersOf = (p: string) =>
    Object.fromEntries(
      w.db
        .select()
        .from(draftAnswers)
        .where(and(eq(draftAnswers.roundId, roundId), eq(draftAnswers.personId, p)))
        .all()
        .map((a) => [a.itemId, a.value]),
    );
  /** A person's tap, a few seconds after the last one (a tap within a second of a statement appearing is a double tap). */
  const tap = (p: string, action: BotAction, input?: { comment?: string }) => {
    w.clock.advance(3000);
    return bot.handle(p, action, input);
  };
  const text = (r: BotReply) =>
    [r.update, ...(r.post ?? [])]
      .filter((m): m is BotMessage => !!m)
      .flatMap((m) => m.blocks.map((b) => ("text" in b ? b.text : "statement" in b ? b.statement : "")))
      .join(" ");
  return {
    w,
    bot,
    roundId,
    answersOf,
    tap,
    ola: person("ola@fjord.example"),
    kari: person("kari@fjord.example"),
    sam: person("sam@fjord.example"),
    draft,
    text,
    id,
  };
}

const answer = (r: string, i: string, v: unknown) => ({ a: "answer", r, i, v }) as unknown as BotAction;

describe("the survey conversation", () => {
  it("refuses a value outside 1–5 at the edge: the action never parses", async () => {
    const { parseAction } = await import("../../src/bot/actions");
    expect(parseAction(JSON.stringify({ a: "answer", r: "r_x", i: "wellbeing-1", v: 7 }))).toEqual({
      ok: false,
      reason: "malformed action",
    });
    expect(parseAction(JSON.stringify({ a: "answer", r: "r_x", i: "wellbeing-1", v: 0 })).ok).toBe(false);
    expect(parseAction(JSON.stringify({ a: "answer", r: "r_x", i: "wellbeing-1", v: "3" })).ok).toBe(false);
    expect(parseAction("not json").ok).toBe(false);
    // A round id of the wrong shape is refused too; one of ours parses.
    expect(parseAction(JSON.stringify({ a: "answer", r: "r_x", i: "wellbeing-1", v: 3 })).ok).toBe(false);
    expect(parseAction(JSON.stringify({ a: "answer", r: "r_0123456789abcdef", i: "wellbeing-1", v: 3 })).ok).toBe(true);
  });

  it("refuses an item that is not in the round and stores nothing", () => {
    const t = setup();
    t.bot.handle(t.ola, { a: "start", r: t.roundId });
    const reply = t.bot.handle(t.ola, answer(t.roundId, "engagement-1", 4));
    expect(t.text(reply)).toMatch(/forsto jeg ikke/);
    expect(t.answersOf(t.ola)).toEqual({});
  });

  it("refuses a person who was not invited", () => {
    const t = setup();
    const reply = t.bot.handle(t.sam, answer(t.roundId, "wellbeing-1", 4));
    expect(t.text(reply)).toBe("This survey was not sent to you.");
    expect(t.draft(t.sam)).toBeUndefined();
  });

  it("refuses answers once the round is closed, saying when it closed", () => {
    const t = setup();
    t.bot.handle(t.ola, { a: "start", r: t.roundId });
    t.w.clock.set("2026-11-25T12:00:00Z");
    t.w.db.transaction((tx) => closeRound(tx, t.roundId, t.w.clock.now()));
    const reply = t.bot.handle(t.ola, answer(t.roundId, "wellbeing-1", 4));
    expect(t.text(reply)).toMatch(/avsluttet 25\. november 2026/);
    expect(t.w.db.select().from(responses).all()).toEqual([]); // an empty draft is dropped at close
  });

  it("refuses the next tap once another process (the CLI) has closed the round, and speaks the language it set", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    expect(t.text(t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4)))).toMatch(/Utsagn 2 av 4/);
    expect(t.text(t.tap(t.kari, { a: "start", r: t.roundId }))).toMatch(/Utsagn 1 av 4/);
    // Another connection to the same file, as `pulsen round close` and `pulsen org import` open it.
    const cli = openDatabase(t.w.path);
    try {
      cli.db.update(people).set({ locale: "en" }).where(eq(people.id, t.kari)).run();
      expect(t.text(t.tap(t.kari, answer(t.roundId, "wellbeing-1", 4)))).toMatch(/Statement 2 of 4/);
      t.w.clock.set("2026-11-25T12:00:00Z");
      cli.db.transaction((tx) => closeRound(tx, t.roundId, t.w.clock.now()));
    } finally {
      cli.close();
    }
    expect(t.text(t.tap(t.ola, answer(t.roundId, "wellbeing-2", 4)))).toMatch(/avsluttet 25\. november 2026/);
    expect(t.answersOf(t.ola)).toEqual({});
  });

  it("still refuses the next tap when the round closed just before a write beside the survey", () => {
    for (const closer of ["this process", "the CLI"] as const) {
      const t = setup();
      t.tap(t.ola, { a: "start", r: t.roundId });
      expect(t.text(t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4)))).toMatch(/Utsagn 2 av 4/);
      t.w.clock.set("2026-11-25T12:00:00Z");
      const cli = openDatabase(t.w.path);
      const db = closer === "the CLI" ? cli.db : t.w.db;
      db.transaction((tx) => closeRound(tx, t.roundId, t.w.clock.now()));
      cli.close();
      // A Teams tap's conversation reference, written beside the survey: the close before it still counts.
      t.bot.aside(() =>
        rememberTeamsReference(t.w.db, t.w.clock, t.ola as PersonId, { conversation: { id: "a:1" } }, "replace"),
      );
      expect(t.text(t.tap(t.ola, answer(t.roundId, "wellbeing-2", 4))), closer).toMatch(/avsluttet 25\. november/);
    }
  });

  it("ignores a tap on a statement that is no longer on screen (an older message, a replay) and keeps the answer", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    const first = t.tap(t.ola, answer(t.roundId, "wellbeing-1", 2));
    const second = t.tap(t.ola, answer(t.roundId, "wellbeing-1", 5));
    expect(t.answersOf(t.ola)).toEqual({ "wellbeing-1": 2 });
    expect(second.update).toEqual(first.update); // still showing statement 2
  });

  it("takes only the statement that was on screen from a double tap: the second tap lands on the next one and is dropped", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    const shown = t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4));
    expect(shown.update!.summary).toBe("Utsagn 2 av 4");
    t.w.clock.advance(250); // the finger comes down again on the same spot
    const echo = t.bot.handle(t.ola, answer(t.roundId, "wellbeing-2", 4));
    expect(t.answersOf(t.ola)).toEqual({ "wellbeing-1": 4 });
    expect(echo.update).toEqual(shown.update);
    // A considered answer a few seconds later counts.
    t.tap(t.ola, answer(t.roundId, "wellbeing-2", 2));
    expect(t.answersOf(t.ola)).toEqual({ "wellbeing-1": 4, "wellbeing-2": 2 });
  });

  it("goes back with Back, changes the answer, and carries on where the person left off", () => {
    const t = setup();
    const first = t.tap(t.ola, { a: "start", r: t.roundId });
    // No Back on the first statement.
    expect(JSON.stringify(first.update)).not.toContain('"a":"back"');
    t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4));
    const third = t.tap(t.ola, answer(t.roundId, "wellbeing-2", 5));
    expect(third.update!.summary).toBe("Utsagn 3 av 4");
    const back = t.tap(t.ola, { a: "back", r: t.roundId, i: "wellbeing-3" });
    expect(back.update!.summary).toBe("Utsagn 2 av 4");
    // It says the statement was answered, never what was chosen.
    expect(t.text(back)).toMatch(/svart på dette utsagnet før/);
    const shown = JSON.stringify(back.update);
    expect(shown.match(/"v":5/g)).toHaveLength(1); // the 5 button only, no marked choice
    const again = t.tap(t.ola, { a: "back", r: t.roundId, i: "wellbeing-2" });
    expect(again.update!.summary).toBe("Utsagn 1 av 4");
    t.tap(t.ola, answer(t.roundId, "wellbeing-1", 1));
    expect(t.answersOf(t.ola)).toEqual({ "wellbeing-1": 1, "wellbeing-2": 5 });
    // Straight back to where they had got to.
    const resumed = t.tap(t.ola, { a: "start", r: t.roundId });
    expect(resumed.update!.summary).toBe("Utsagn 3 av 4");
  });

  it("goes back from the comment form to the last statement", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    for (const i of ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"]) t.tap(t.ola, answer(t.roundId, i, 3));
    const back = t.tap(t.ola, { a: "back", r: t.roundId, i: "_comment" });
    expect(back.update!.summary).toBe("Utsagn 4 av 4");
    t.tap(t.ola, answer(t.roundId, "wellbeing-4", "skip"));
    expect(t.answersOf(t.ola)).toMatchObject({ "wellbeing-4": null });
    const done = t.tap(t.ola, { a: "skip_comment", r: t.roundId });
    expect(done.update!.summary).toBe("Takk for svarene!");
  });

  it("refuses a Back from the first statement, and a Back from a statement not on screen, writing nothing", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    const refused = t.tap(t.ola, { a: "back", r: t.roundId, i: "wellbeing-1" });
    expect(t.text(refused)).toMatch(/første utsagnet/);
    t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4));
    const stale = t.tap(t.ola, { a: "back", r: t.roundId, i: "wellbeing-4" });
    expect(stale.update!.summary).toBe("Utsagn 2 av 4");
    expect(t.answersOf(t.ola)).toEqual({ "wellbeing-1": 4 });
  });

  it("resumes where the person left off, days later", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4));
    t.tap(t.ola, answer(t.roundId, "wellbeing-2", "skip"));
    t.w.clock.set("2026-11-27T09:00:00Z");
    const fresh = new SurveyBot(t.w.db, t.w.clock, 5, t.w.logger); // a restarted process
    const resumed = fresh.handle(t.ola, { a: "start", r: t.roundId });
    expect(resumed.update!.summary).toBe("Utsagn 3 av 4");
  });

  it("stores a finished survey anonymously and refuses changes afterwards", () => {
    const t = setup();
    t.tap(t.kari, { a: "start", r: t.roundId });
    for (const [i, v] of [
      ["wellbeing-1", 4],
      ["wellbeing-2", 5],
      ["wellbeing-3", 3],
      ["wellbeing-4", 4],
    ] as const)
      t.tap(t.kari, answer(t.roundId, i, v));
    const done = t.tap(t.kari, { a: "skip_comment", r: t.roundId });
    expect(done.update!.summary).toBe("Takk for svarene!");
    expect(t.draft(t.kari)).toBeUndefined();
    expect(t.w.db.select().from(responses).all()).toHaveLength(1);
    const inv = t.w.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.roundId, t.roundId), eq(invitations.personId, t.kari)))
      .get()!;
    expect(inv.completed).toBe(true);
    expect(t.text(t.bot.handle(t.kari, answer(t.roundId, "wellbeing-1", 1)))).toMatch(/allerede svart/);
  });

  it("stores a half-finished survey at close, and drops the link to the person", () => {
    const t = setup();
    t.tap(t.ola, { a: "start", r: t.roundId });
    t.tap(t.ola, answer(t.roundId, "wellbeing-1", 4));
    t.w.db.transaction((tx) => closeRound(tx, t.roundId, t.w.clock.now()));
    expect(t.draft(t.ola)).toBeUndefined();
    expect(t.w.db.select().from(responses).all()).toHaveLength(1);
  });

  it("snoozes: the next reminder comes at 08:00 tomorrow in the person's zone", () => {
    const t = setup();
    const reply = t.bot.handle(t.ola, { a: "snooze", r: t.roundId });
    expect(t.text(reply)).toMatch(/påminnelse onsdag 25\. november kl\. 08:00/);
    const queued = t.w.db
      .select()
      .from(outbox)
      .where(eq(outbox.key, `round:${t.roundId}:person:${t.ola}:remind:1`))
      .get()!;
    expect(queued.notBefore.toISOString()).toBe("2026-11-25T07:00:00.000Z");
  });

  it("writes the refusal of a forged action to the log without its value", () => {
    const t = setup();
    const lines: string[] = [];
    const logger = t.w.logger.child({});
    logger.warn = ((obj: unknown) => void lines.push(JSON.stringify(obj))) as never;
    const bot = new SurveyBot(t.w.db, t.w.clock, 5, logger);
    bot.handle(t.sam, answer(t.roundId, "wellbeing-1", 4));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("not invited");
    expect(lines[0]).not.toMatch(/"v"|value|:4/);
  });
});

describe("an invitation", () => {
  it("says why, how long, the anonymity promise and the deadline, with Start first", () => {
    const t = setup();
    const m = t.bot.compose({ kind: "invite", roundId: t.roundId }, t.ola)!;
    const text = m.blocks.map((b) => ("text" in b ? b.text : "")).join(" ");
    expect(text).toMatch(/4 korte utsagn/);
    expect(text).toMatch(/anonyme/);
    expect(text).toMatch(/minst 5 svar/);
    expect(text).toMatch(/Åpen til tirsdag 8\. desember kl\. 10:00/);
    const buttons = m.blocks.find((b) => b.type === "buttons");
    expect(buttons && buttons.type === "buttons" && buttons.buttons.map((b) => b.action.a)).toEqual([
      "start",
      "snooze",
    ]);
  });
});
