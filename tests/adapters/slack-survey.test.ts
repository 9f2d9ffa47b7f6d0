import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { draftAnswers } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { type SlackButton, buttonsOf, interaction, until } from "../helpers/slack-interaction";
import { signedPost } from "../helpers/slack-sign";
import { type SlackMessage, SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let standIn = new SlackStandIn();
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await standIn.stop();
});

const user = (i: number) => `U0PERSON${i}`;

/** Three people with Slack ids, invited to a quick pulse (4 statements and a comment), invitations delivered. */
async function boot() {
  standIn = new SlackStandIn();
  await standIn.start();
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  const rows = [0, 1, 2].map((i) => `p${i}@fjord.example,Person ${i},Fjord AS,,,${user(i)},,,`);
  importOrgCsv(setup.db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  for (const i of [0, 1, 2]) standIn.users.add(user(i));
  const series = {
    name: "Puls",
    instrumentId: "quick-pulse",
    audience: "all",
    cadence: "0 9 1 * *",
    openDays: 7,
    reminderDays: [3],
    window: { ...ALWAYS },
  };
  const { id } = createSeries(setup.db, series, clock.now());
  const roundId = setup.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }),
  );
  setup.close();
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: path,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.url,
  });
  running = await startServer(config, silentLogger(), clock, { adapters: [slackAdapter], tick: null });
  await running.scheduler.tick();
  const server = running;
  const dmOf = (i: number) => standIn.inChannel(standIn.dm(user(i)));
  /** Taps a button on a message as person i, `after` ms after the last tap; waits until Slack shows the reply. */
  const tap = async (i: number, m: SlackMessage, pick: (b: SlackButton[]) => SlackButton | undefined, after = 3000) => {
    clock.advance(after);
    const button = pick(buttonsOf(m));
    if (button === undefined) throw new Error(`no such button on "${m.text}"`);
    const before = m.updates;
    const res = await signedPost(`${server.url}/slack/events`, SECRET, interaction(standIn.url, user(i), m, button));
    expect(res.status).toBe(200);
    await until(() => m.updates > before);
  };
  const value = (b: SlackButton) => JSON.parse(b.value) as { a: string; v?: unknown; i?: string };
  const answer = (v: number | "skip") => (b: SlackButton[]) =>
    b.find((x) => value(x).a === "answer" && value(x).v === v);
  const back = (b: SlackButton[]) => b.find((x) => value(x).a === "back");
  return { server, clock, roundId, dmOf, tap, answer, back, value };
}

describe("answering in Slack, forgiving and in order", () => {
  it("goes back with Back and changes the answer in the same DM message, never showing what was chosen", async () => {
    const t = await boot();
    const m = t.dmOf(0)[0]!;
    await t.tap(0, m, (b) => b[0]); // Start
    expect(m.text).toBe("Utsagn 1 av 4");
    expect(t.back(buttonsOf(m))).toBeUndefined(); // nothing before the first statement
    await t.tap(0, m, t.answer(4));
    await t.tap(0, m, t.answer(2));
    expect(m.text).toBe("Utsagn 3 av 4");
    // Back sits after the six answers, in a block of its own.
    const buttons = buttonsOf(m);
    expect(buttons.slice(0, 6).map((b) => t.value(b).v)).toEqual([1, 2, 3, 4, 5, "skip"]);
    expect(buttons[6]!.block_id).not.toBe(buttons[0]!.block_id);
    await t.tap(0, m, t.back);
    expect(m.text).toBe("Utsagn 2 av 4");
    expect(JSON.stringify(m.blocks)).toContain("Du har svart på dette utsagnet før");
    await t.tap(0, m, t.answer(5));
    // On to where the person had got to; the changed answer is the one kept.
    expect(m.text).toBe("Utsagn 3 av 4");
    const db = t.server.database.db;
    expect(
      Object.fromEntries(
        db
          .select()
          .from(draftAnswers)
          .all()
          .map((a) => [a.itemId, a.value]),
      ),
    ).toEqual({ "wellbeing-1": 4, "wellbeing-2": 5 });
    expect(t.dmOf(0)).toHaveLength(1); // all of it in the one message
  });

  it("takes only the statement on screen from a double tap: the second tap lands on the next statement and is dropped", async () => {
    const t = await boot();
    const m = t.dmOf(0)[0]!;
    await t.tap(0, m, (b) => b[0]);
    await t.tap(0, m, t.answer(4));
    expect(m.text).toBe("Utsagn 2 av 4");
    await t.tap(0, m, t.answer(4), 250); // the finger comes down again, a quarter of a second later
    expect(m.text).toBe("Utsagn 2 av 4");
    expect(
      t.server.database.db
        .select()
        .from(draftAnswers)
        .all()
        .map((a) => a.itemId),
    ).toEqual(["wellbeing-1"]);
  });

  it("applies two quick replies to the message in the order they were computed, even when Slack is slow with the first", async () => {
    const t = await boot();
    const m = t.dmOf(0)[0]!;
    await t.tap(0, m, (b) => b[0]);
    const events = `${t.server.url}/slack/events`;
    // The first reply's chat.update takes 300 ms to arrive; the second would overtake it.
    standIn.holdNext("chat.update", 300, 0);
    t.clock.advance(3000);
    const first = interaction(standIn.url, user(0), m, t.answer(3)(buttonsOf(m))!);
    const r1 = await signedPost(events, SECRET, first);
    await until(() => t.server.database.db.select().from(draftAnswers).all().length === 1);
    t.clock.advance(3000);
    // The person taps statement 2's answer from a client that already shows it.
    const second = {
      ...m,
      blocks: m.blocks.map(
        (b) => JSON.parse(JSON.stringify(b).replaceAll("wellbeing-1", "wellbeing-2")) as Record<string, unknown>,
      ),
    };
    const r2 = await signedPost(
      events,
      SECRET,
      interaction(standIn.url, user(0), second, t.answer(5)(buttonsOf(second))!),
    );
    expect([r1.status, r2.status]).toEqual([200, 200]);
    await until(() => m.updates >= 3);
    await new Promise((r) => setTimeout(r, 400));
    expect(m.text).toBe("Utsagn 3 av 4");
  });

  it("never rewrites a message outside the person's own DM: a tap there is answered in the DM", async () => {
    const t = await boot();
    // A leader channel message of the bot's (say, a digest) with a survey button someone crafted onto it.
    standIn.messages.push({
      channel: "C0DRIFT",
      ts: "1700000000.000001",
      text: "Resultater",
      blocks: t.dmOf(0)[0]!.blocks,
      updates: 0,
    });
    const channelMessage = standIn.inChannel("C0DRIFT")[0]!;
    t.clock.advance(3000);
    const res = await signedPost(
      `${t.server.url}/slack/events`,
      SECRET,
      interaction(standIn.url, user(0), channelMessage, buttonsOf(channelMessage)[0]!),
    );
    expect(res.status).toBe(200);
    await until(() => t.dmOf(0).length === 2);
    expect(channelMessage.updates).toBe(0);
    expect(t.dmOf(0)[1]!.text).toBe("Utsagn 1 av 4");
  });

  it("rewrites every unanswered invitation and question in place when the round closes, and leaves a thank-you alone", async () => {
    const t = await boot();
    // Person 0 never opens it; person 1 stops after one statement; person 2 sends it.
    const p1 = t.dmOf(1)[0]!;
    await t.tap(1, p1, (b) => b[0]);
    await t.tap(1, p1, t.answer(4));
    const p2 = t.dmOf(2)[0]!;
    await t.tap(2, p2, (b) => b[0]);
    for (const v of [4, 4, 3, 5] as const) await t.tap(2, p2, t.answer(v));
    await t.tap(2, p2, (b) => b.find((x) => t.value(x).a === "skip_comment"));
    expect(p2.text).toBe("Takk for svarene!");
    const db = t.server.database.db;
    db.transaction((tx) => closeRound(tx, t.roundId, t.clock.now()));
    await t.server.scheduler.tick(); // digests first
    t.clock.advance(61_000);
    await t.server.scheduler.tick(); // then the rewrites
    for (const m of [t.dmOf(0)[0]!, p1]) {
      expect(m.updates).toBeGreaterThan(0);
      expect(JSON.stringify(m.blocks)).toContain("Denne undersøkelsen stengte 24. november 2026");
      expect(buttonsOf(m)).toEqual([]); // no live Start button left behind
    }
    expect(p2.text).toBe("Takk for svarene!");
    expect(standIn.messages).toHaveLength(3); // updated in place, nothing new posted
  });

  it("keeps a failed rewrite out of HR's list of who could not be reached, and out of the message counts", async () => {
    const t = await boot();
    const db = t.server.database.db;
    standIn.failNext("chat.update", { status: 200, body: { ok: false, error: "message_not_found" } });
    db.transaction((tx) => closeRound(tx, t.roundId, t.clock.now()));
    await t.server.scheduler.tick();
    t.clock.advance(61_000);
    await t.server.scheduler.tick();
    expect(standIn.calls.filter((c) => c.method === "chat.update")).toHaveLength(3);
    // Only people who had not answered get a rewrite: listing its failure would name one of them.
    const { unreachable, roundStatus } = await import("../../src/rounds/status");
    expect(unreachable(db, t.roundId)).toEqual([]);
    expect(roundStatus(db, t.roundId, 5).messages).toEqual({ sent: 3 });
  });
});
