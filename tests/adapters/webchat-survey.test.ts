import { afterEach, describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { draftAnswers, organizations, people } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { type ChatButton, type ChatMessage, WebchatClient } from "../helpers/webchat-client";
import { silentLogger } from "../helpers/world";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

/** The demo organization's web chat (rule 9: only the demo gets one), a quick pulse open, invitations delivered. */
async function boot() {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(
    setup.db,
    new TextEncoder().encode(csv(["ola@fjord.example,Ola,Fjord AS,,,,,,", "kari@fjord.example,Kari,Fjord AS,,,,,,"])),
    { dryRun: false, clock },
  );
  setup.db.update(organizations).set({ demo: true }).run();
  const { id } = createSeries(
    setup.db,
    {
      name: "Puls",
      instrumentId: "quick-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 7,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const roundId = setup.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
  );
  setup.close();
  running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: path }), silentLogger(), clock, {
    adapters: [webchatAdapter],
    tick: null,
  });
  await running.scheduler.tick();
  const server = running;
  const person = (email: string) =>
    server.database.db
      .select()
      .from(people)
      .all()
      .find((p) => p.email === email)!.id;
  let wait = 3000;
  const chat = new WebchatClient(server.url, () => clock.advance(wait));
  /** Taps a button of the person's latest message, `after` ms after the last tap, and returns what is shown then. */
  const tap = async (
    p: string,
    pick: (b: ChatButton[]) => ChatButton | undefined,
    after = 3000,
  ): Promise<ChatMessage> => {
    const m = await chat.last(p);
    const button = pick(m.buttons);
    if (button === undefined) throw new Error(`no such button on "${m.text}"`);
    wait = after;
    expect((await chat.tap(p, m.id, button.raw)).status).toBe(303);
    return chat.last(p);
  };
  const answer = (v: number | "skip") => (b: ChatButton[]) =>
    b.find((x) => x.action.a === "answer" && x.action.v === v);
  const back = (b: ChatButton[]) => b.find((x) => x.action.a === "back");
  return { server, clock, roundId, chat, person, tap, answer, back };
}

describe("answering in the web chat, forgiving", () => {
  it("goes back with Back, changes the answer, and takes only the statement on screen from a double tap", async () => {
    const t = await boot();
    const ola = t.person("ola@fjord.example");
    let m = await t.tap(ola, (b) => b[0]);
    expect(m.text).toContain("Utsagn 1 av 4");
    expect(t.back(m.buttons)).toBeUndefined();
    m = await t.tap(ola, t.answer(1));
    m = await t.tap(ola, t.answer(2));
    expect(m.text).toContain("Utsagn 3 av 4");
    // The order CONTRACT.md promises: 1–5, skip, then Back.
    expect(m.buttons.map((b) => (b.action.a === "answer" ? b.action.v : b.action.a))).toEqual([
      1,
      2,
      3,
      4,
      5,
      "skip",
      "back",
    ]);
    m = await t.tap(ola, t.back);
    expect(m.text).toContain("Utsagn 2 av 4");
    expect(m.text).toContain("Du har svart på dette utsagnet før");
    m = await t.tap(ola, t.answer(4));
    expect(m.text).toContain("Utsagn 3 av 4");
    // A double tap: the second lands on statement 3 a quarter of a second after it appeared.
    m = await t.tap(ola, t.answer(4), 250);
    expect(m.text).toContain("Utsagn 3 av 4");
    const db = t.server.database.db;
    expect(
      Object.fromEntries(
        db
          .select()
          .from(draftAnswers)
          .all()
          .map((a) => [a.itemId, a.value]),
      ),
    ).toEqual({ "wellbeing-1": 1, "wellbeing-2": 4 });
    expect(await t.chat.messages(ola)).toHaveLength(1); // one message, updated in place
  });

  it("says on an unanswered invitation that the round has closed, with no Start left", async () => {
    const t = await boot();
    const kari = t.person("kari@fjord.example");
    const db = t.server.database.db;
    db.transaction((tx) => closeRound(tx, t.roundId, t.clock.now()));
    await t.server.scheduler.tick(); // digests first
    t.clock.advance(61_000);
    await t.server.scheduler.tick(); // then the rewrites
    const [invite] = await t.chat.messages(kari);
    expect(invite!.text).toContain("Denne undersøkelsen stengte 24. november 2026");
    expect(invite!.buttons).toEqual([]);
  });
});
