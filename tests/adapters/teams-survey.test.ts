import { afterEach, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
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
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

type Action = { title: string; data: { pulsen: { a: string; v?: unknown; i?: string } } };
type Card = { body: { type: string; text?: string; actions?: Action[] }[] };
const actionsOf = (card: Card) => card.body.filter((b) => b.type === "ActionSet").flatMap((b) => b.actions ?? []);
const textOf = (card: Card) => card.body.map((b) => b.text ?? "").join(" ");

const aad = (i: number) => `00000000-0000-4000-8000-00000000000${i + 1}`;
let running: RunningServer | null = null;
let connector: ConnectorStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await connector?.stop();
});

/** Two people who installed Pulsen in Teams, invited to a quick pulse, invitations delivered as cards. */
async function boot() {
  connector = new ConnectorStandIn();
  await connector.start();
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(
    setup.db,
    new TextEncoder().encode(csv([0, 1].map((i) => `t${i}@org.example,T ${i},Org,,,,${aad(i)},,`))),
    { dryRun: false, clock },
  );
  setup.close();
  running = await startServer(
    loadConfig({ PORT: "0", DATABASE_PATH: path, TEAMS_UNAUTHENTICATED: "1" }),
    silentLogger(),
    clock,
    { adapters: [teamsAdapter], tick: null },
  );
  const server = running;
  const base = (i: number) => ({
    channelId: "msteams",
    serviceUrl: connector!.url,
    from: { id: `29:${aad(i)}`, aadObjectId: aad(i), name: `T ${i}` },
    recipient: { id: "28:bot", name: "Pulsen" },
    conversation: { id: `a:conv-${aad(i)}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
  });
  const post = (body: unknown) =>
    fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  for (const i of [0, 1]) await post({ type: "installationUpdate", id: `install-${i}`, action: "add", ...base(i) });
  const db = server.database.db;
  const { id } = createSeries(
    db,
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
  const roundId = db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["teams"]) }),
  );
  await server.scheduler.tick();
  const invite = (i: number) => {
    const sent = connector!.sent.find((s) => s.conversation === `a:conv-${aad(i)}`)!;
    return { id: sent.id, card: (sent.activity.attachments as { content: Card }[])[0]!.content };
  };
  /** Person i taps a card action (Action.Execute), `after` ms after the last tap; the invoke's card replaces it. */
  const tap = async (i: number, action: Action | undefined, after = 3000): Promise<Card> => {
    if (action === undefined) throw new Error("no such action");
    clock.advance(after);
    const res = await post({
      type: "invoke",
      id: `tap-${Math.random()}`,
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "pulsen", data: action.data } },
      ...base(i),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: Card }).value;
  };
  const answer = (card: Card, v: number | "skip") =>
    actionsOf(card).find((a) => a.data.pulsen.a === "answer" && a.data.pulsen.v === v);
  const back = (card: Card) => actionsOf(card).find((a) => a.data.pulsen.a === "back");
  return { server, clock, roundId, invite, tap, answer, back };
}

describe("answering in Teams, forgiving", () => {
  it("goes back with Back, changes the answer, and takes only the statement on screen from a double tap", async () => {
    const t = await boot();
    let card = await t.tap(0, actionsOf(t.invite(0).card)[0]);
    expect(textOf(card)).toContain("Utsagn 1 av 4");
    expect(t.back(card)).toBeUndefined();
    card = await t.tap(0, t.answer(card, 4));
    card = await t.tap(0, t.answer(card, 2));
    expect(textOf(card)).toContain("Utsagn 3 av 4");
    // In order: 1–5, skip, then Back.
    expect(actionsOf(card).map((a) => a.data.pulsen.v ?? a.data.pulsen.a)).toEqual([1, 2, 3, 4, 5, "skip", "back"]);
    card = await t.tap(0, t.back(card));
    expect(textOf(card)).toContain("Utsagn 2 av 4");
    expect(textOf(card)).toContain("Du har svart på dette utsagnet før");
    card = await t.tap(0, t.answer(card, 5));
    expect(textOf(card)).toContain("Utsagn 3 av 4");
    // A double tap: the second lands on statement 3 a quarter of a second after it appeared.
    const echo = await t.tap(0, t.answer(card, 5), 250);
    expect(textOf(echo)).toContain("Utsagn 3 av 4");
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
  });

  it("rewrites the card of someone who had not answered when the round closes, in place", async () => {
    const t = await boot();
    // Person 1 answers everything; person 0 never starts.
    let card = await t.tap(1, actionsOf(t.invite(1).card)[0]);
    for (const v of [3, 4, 4, 5] as const) card = await t.tap(1, t.answer(card, v));
    card = await t.tap(
      1,
      actionsOf(card).find((a) => a.data.pulsen.a === "skip_comment"),
    );
    expect(textOf(card)).toContain("Takk for svarene!");
    const db = t.server.database.db;
    db.transaction((tx) => closeRound(tx, t.roundId, t.clock.now()));
    await t.server.scheduler.tick(); // digests first
    t.clock.advance(61_000);
    await t.server.scheduler.tick(); // then the rewrites
    const updated = connector!.updated;
    expect(updated.map((u) => [u.conversation, u.id])).toEqual([[`a:conv-${aad(0)}`, t.invite(0).id]]);
    const closed = (updated[0]!.activity.attachments as { content: Card }[])[0]!.content;
    expect(textOf(closed)).toContain("Denne undersøkelsen stengte 24. november 2026");
    expect(actionsOf(closed)).toEqual([]);
  });
});
