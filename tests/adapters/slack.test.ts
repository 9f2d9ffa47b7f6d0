import { redeemLink } from "../helpers/dashboard-org";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { drafts, invitations, outbox, people, responses } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { signedPost } from "../helpers/slack-sign";
import { type SlackButton, buttonsOf, interaction as slackInteraction, until } from "../helpers/slack-interaction";
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

const userId = (i: number) => `U${String(i).padStart(6, "0")}`;

async function boot(n: number) {
  standIn = new SlackStandIn();
  await standIn.start();
  const dir = tempDir();
  const path = `${dir}/pulsen.db`;
  const clock = new ManualClock(new Date());
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  const rows = Array.from(
    { length: n },
    (_, i) => `p${i}@fjord.example,Person ${i},Fjord AS > Drift,,,${userId(i)},,,`,
  );
  importOrgCsv(setup.db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  for (let i = 0; i < n; i++) standIn.users.add(userId(i));
  const { id } = createSeries(
    setup.db,
    {
      name: "Engasjementspuls",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const roundId = setup.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }),
  );
  setup.close();
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: path,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.url,
  });
  running = await startServer(config, silentLogger(), clock, { adapters: [webchatAdapter, slackAdapter], tick: null });
  return { running, roundId, clock };
}

const interaction = (user: string, m: SlackMessage, button: SlackButton, comment?: string) =>
  slackInteraction(standIn.url, user, m, button, comment);

describe("Slack, through the real Bolt app over HTTP", () => {
  it("finds a person with no Slack id by email, remembers the id, and keeps to their profile's time zone", async () => {
    await standIn.stop();
    standIn = new SlackStandIn();
    await standIn.start();
    const clock = new ManualClock("2026-11-24T09:00:00Z"); // 04:00 in New York
    const path = `${tempDir()}/pulsen.db`;
    const setup = openDatabase(path);
    storeBuiltins(setup.db, builtinInstruments(), clock);
    importOrgCsv(
      setup.db,
      new TextEncoder().encode(csv(["sam@fjord.example,Sam,Fjord AS,,,,,,", "gone@fjord.example,Gone,Fjord AS,,,,,,"])),
      { dryRun: false, clock },
    );
    standIn.emails.set("sam@fjord.example", { id: "U0SAM", tz: "America/New_York" });
    standIn.users.add("U0SAM");
    const { id } = createSeries(
      setup.db,
      {
        name: "Puls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 7,
        reminderDays: [3],
        window: { start: 480, end: 1020, weekdaysOnly: true },
      },
      clock.now(),
    );
    setup.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }),
    );
    setup.close();
    running = await startServer(
      loadConfig({
        PORT: "0",
        DATABASE_PATH: path,
        SLACK_BOT_TOKEN: "xoxb-t",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: standIn.url,
      }),
      silentLogger(),
      clock,
      { adapters: [slackAdapter], tick: null },
    );
    await running.scheduler.tick();
    const db = running.database.db;
    const sam = db.select().from(people).where(eq(people.email, "sam@fjord.example")).get()!;
    expect(sam).toMatchObject({ slackUserId: "U0SAM", profileTimezone: "America/New_York", timezone: null });
    expect(
      db.select({ reason: invitations.undeliverable }).from(invitations).where(eq(invitations.personId, sam.id)).get()!
        .reason,
    ).toBeNull();
    // Found at 04:00 New York time: the invitation waits for 08:00 there.
    expect(standIn.messages).toHaveLength(0);
    const gone = db.select().from(people).where(eq(people.email, "gone@fjord.example")).get()!;
    expect(
      db.select({ reason: invitations.undeliverable }).from(invitations).where(eq(invitations.personId, gone.id)).get()!
        .reason,
    ).toBe("users_not_found");
    clock.set("2026-11-24T13:00:00Z");
    await running.scheduler.tick();
    expect(standIn.messages.map((m) => m.channel)).toEqual(["DU0SAM"]);
  });

  it("delivers invitations as DMs and takes 20 people through a full round with signed button clicks", async () => {
    const { running: server, roundId, clock } = await boot(20);
    // Five invitations a second: four ticks of the scheduler, a second apart.
    for (let t = 0; t < 4; t++) {
      await server.scheduler.tick();
      clock.advance(1000);
    }
    expect(standIn.messages).toHaveLength(20);
    const invite = standIn.messages[0]!;
    // The invitation's first button (first button of the first actions block) starts the survey.
    expect(JSON.parse(buttonsOf(invite)[0]!.value)).toEqual({ a: "start", r: roundId });
    expect(invite.metadata?.event_payload.key).toMatch(/^round:r_.*:invite$/);

    const events = `${server.url}/slack/events`;
    for (let i = 0; i < 20; i++) {
      const channel = standIn.dm(userId(i));
      const message = () => standIn.inChannel(channel)[0]!;
      const click = async (
        pick: (b: ReturnType<typeof buttonsOf>) => ReturnType<typeof buttonsOf>[number],
        comment?: string,
      ) => {
        clock.advance(3000); // a person reads before tapping
        const before = message().updates;
        const res = await signedPost(
          events,
          SECRET,
          interaction(userId(i), message(), pick(buttonsOf(message())), comment),
        );
        expect(res.status).toBe(200);
        await until(() => message().updates > before);
      };
      await click((b) => b[0]!);
      if (i === 0) {
        // A double click: the same payload delivered twice, at once, each delivery signed by Slack on its own
        // (the very same signed request twice is a replay, refused at the edge). One answer, one step forward.
        clock.advance(3000);
        const m = message();
        const body = interaction(userId(0), m, buttonsOf(m)[4]!);
        const ts = Math.floor(Date.now() / 1000);
        const [r1, r2] = await Promise.all([
          signedPost(events, SECRET, body, { timestamp: ts }),
          signedPost(events, SECRET, body, { timestamp: ts - 1 }),
        ]);
        expect([r1.status, r2.status]).toEqual([200, 200]);
        await until(() => message().updates >= 3);
        const { draftAnswers } = await import("../../src/db/schema");
        expect(server.database.db.select().from(draftAnswers).all()).toHaveLength(1);
        expect(message().text).toBe("Utsagn 2 av 13");
        // Continue as if the first statement had been answered by the loop below.
        const first = buttonsOf(message());
        expect(JSON.parse(first[0]!.value)).toMatchObject({ i: "engagement-2" });
      }
      for (let j = i === 0 ? 1 : 0; j < 13; j++) {
        const likert = buttonsOf(message());
        // One message per statement, its actions block holding 1, 2, 3, 4, 5, then skip; Back in a block of its own.
        expect(likert.slice(0, 6).map((b) => (JSON.parse(b.value) as { v: unknown }).v)).toEqual([
          1,
          2,
          3,
          4,
          5,
          "skip",
        ]);
        expect(likert.slice(0, 6).every((b) => b.block_id === likert[0]!.block_id)).toBe(true);
        expect(likert.slice(6).map((b) => (JSON.parse(b.value) as { a: string }).a)).toEqual(j === 0 ? [] : ["back"]);
        await click((b) => b[(i + j) % 6]!);
      }
      await click(
        (b) => b.find((x) => x.action_id === "pulsen:form:submit")!,
        i === 0 ? "<!channel> *bra* <@U000001> <https://x.example|klikk>" : undefined,
      );
      expect(message().text).toMatch(/Takk for svarene!/);
      expect(standIn.inChannel(channel)).toHaveLength(1); // everything happened in the one message
    }
    const db = server.database.db;
    expect(db.select().from(invitations).where(eq(invitations.completed, true)).all()).toHaveLength(20);
    // Person 0 leads the unit and has pointed its digests at #drift, where the bot is a member.
    const { unitLeaders, unitChannels } = await import("../../src/db/schema");
    const leader = db
      .select({ id: people.id, unitId: people.unitId })
      .from(people)
      .where(eq(people.slackUserId, userId(0)))
      .get()!;
    db.insert(unitLeaders).values({ unitId: leader.unitId, personId: leader.id }).run();
    db.insert(unitChannels)
      .values({ unitId: leader.unitId, platform: "slack", channel: "C0DRIFT", createdAt: clock.now() })
      .run();
    db.transaction((tx) => closeRound(tx, roundId, clock.now()));
    expect(db.select().from(responses).all()).toHaveLength(20);
    expect(db.select().from(drafts).all()).toEqual([]);
    await server.scheduler.tick(); // the round.closed event queues the digest, the outbox posts it
    const digest = standIn.inChannel("C0DRIFT");
    expect(digest).toHaveLength(1);
    const shown = JSON.stringify(digest[0]!.blocks);
    expect(digest[0]!.text).toBe("Resultater: Engasjementspuls – Fjord AS &gt; Drift");
    expect(shown).toContain("20 av 20 svarte (100 %).");
    expect(shown).toContain("Styrker:");
    expect(shown).toContain("Forbedringsområder:");
    // The leader can ask again any time; anyone else gets no figures.
    const ask = (user: string) =>
      signedPost(
        `${server.url}/slack/events`,
        SECRET,
        new URLSearchParams({
          team_id: "T0001",
          channel_id: "C0",
          user_id: user,
          command: "/pulsen",
          text: "results",
          response_url: `${standIn.url}r`,
          trigger_id: "1",
        }).toString(),
      ).then((r) => r.json() as Promise<{ blocks: unknown[]; text: string }>);
    expect(JSON.stringify((await ask(userId(0))).blocks)).toContain("20 av 20 svarte (100 %).");
    expect((await ask(userId(1))).text).toMatch(/^Ingen resultater for enheter du leder/);
    // No message Slack keeps ever showed a chosen value: the final DMs are all the same.
    const finals = new Set(
      standIn.messages.filter((m) => m.channel.startsWith("D")).map((m) => JSON.stringify(m.blocks)),
    );
    expect(finals.size).toBe(1);
  });

  it("answers 401 to bad, missing, v1 and stale signatures, and changes nothing", async () => {
    const { running: server } = await boot(1);
    await server.scheduler.tick();
    const m = standIn.messages[0]!;
    const body = interaction(userId(0), m, buttonsOf(m)[0]!);
    const events = `${server.url}/slack/events`;
    const now = Math.floor(Date.now() / 1000);
    const responsesTo = [
      await signedPost(events, "wrong-secret", body),
      await signedPost(events, SECRET, body, { signature: null }),
      await signedPost(events, SECRET, body, { signature: `v1=${"0".repeat(64)}` }),
      await signedPost(events, SECRET, body, { timestamp: now - 6 * 60 }),
    ].map((r) => r.status);
    expect(responsesTo).toEqual([401, 401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.messages[0]!.updates).toBe(0);
    expect(server.database.db.select().from(drafts).all()).toEqual([]);
  });

  it("shows what people type as plain text: mentions and links notify nobody", async () => {
    const { toBlockKit } = await import("../../adapters/slack/blocks");
    const typed = "<!channel> <@U123> <https://x.example|label> *bold*";
    const out = toBlockKit({
      ref: "x",
      summary: typed,
      blocks: [
        { type: "text", text: typed },
        { type: "context", text: typed },
        { type: "header", text: typed },
      ],
    });
    expect(out.text).toBe("&lt;!channel&gt; &lt;@U123&gt; &lt;https://x.example|label&gt; *bold*");
    for (const b of out.blocks) expect(JSON.stringify(b)).not.toContain('"mrkdwn"');
  });

  it("turns Slack's answers into outbox decisions: 429 waits, a gone user is undeliverable", async () => {
    const { running: server } = await boot(2);
    standIn.users.delete(userId(1));
    standIn.failNext("chat.postMessage", {
      status: 429,
      body: { ok: false, error: "ratelimited" },
      headers: { "retry-after": "30" },
    });
    await server.scheduler.tick();
    const rows = server.database.db.select().from(outbox).all();
    const states = rows.map((r) => [r.state, r.reason]).sort();
    expect(states).toEqual([
      ["pending", "rate limited"],
      ["undeliverable", "user_not_found"],
    ]);
    // No hidden retries in the WebClient: exactly one call per decision.
    expect(standIn.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(2);
  });
});

describe("Slack: the slash command, App Home and repeated events", () => {
  const slash = (server: RunningServer, user: string, text: string) =>
    signedPost(
      `${server.url}/slack/events`,
      SECRET,
      new URLSearchParams({
        token: "legacy",
        team_id: "T0001",
        channel_id: "C0GENERAL",
        user_id: user,
        command: "/pulsen",
        text,
        response_url: `${standIn.url}response`,
        trigger_id: "1.2",
      }).toString(),
    );

  it("answers /pulsen status with the person's open surveys, and help otherwise", async () => {
    const { running: server } = await boot(2);
    const status = (await (await slash(server, userId(0), "status")).json()) as {
      response_type: string;
      text: string;
      blocks: { type: string; text?: { text: string } }[];
    };
    expect(status.response_type).toBe("ephemeral");
    const texts = status.blocks.map((b) => b.text?.text ?? "").join(" ");
    expect(texts).toMatch(/Engasjementspuls: ikke besvart ennå/);
    const help = (await (await slash(server, userId(0), "what")).json()) as { text: string };
    expect(help.text).toBe("Pulsen – dette kan du skrive");
    const stranger = (await (await slash(server, "U9STRANGER", "status")).json()) as { text: string };
    expect(stranger.text).toMatch(/finnes ikke i Pulsens oversikt/);
  });

  it("gives a leader a one-time dashboard link only they see, and an employee none", async () => {
    const { running: server } = await boot(2);
    const db = server.database.db;
    const { unitLeaders } = await import("../../src/db/schema");
    const leader = db
      .select({ id: people.id, unitId: people.unitId })
      .from(people)
      .where(eq(people.slackUserId, userId(0)))
      .get()!;
    db.insert(unitLeaders).values({ unitId: leader.unitId, personId: leader.id }).run();
    const reply = (await (await slash(server, userId(0), "dashboard")).json()) as {
      response_type: string;
      blocks: { type: string; elements?: { url?: string; action_id: string }[] }[];
    };
    expect(reply.response_type).toBe("ephemeral");
    const button = reply.blocks.flatMap((b) => b.elements ?? []).find((e) => e.url)!;
    expect(button.action_id).toBe("pulsen:link");
    expect(button.url).toMatch(/^http:\/\/localhost:\d+\/signin\?token=[A-Za-z0-9_-]{40,}$/);
    const signin = await redeemLink(server, new URL(button.url!).searchParams.get("token")!);
    expect(signin.headers.get("set-cookie")).toMatch(/^pulsen_session=/);
    // Slack reports the click on a URL button too; it is acknowledged and nothing is posted.
    const before = standIn.messages.length;
    const click = await signedPost(
      `${server.url}/slack/events`,
      SECRET,
      interaction(
        userId(0),
        { channel: "D0", ts: "1.1", text: "", blocks: [], updates: 0 },
        { action_id: "pulsen:link", value: "", block_id: "pulsen_link_1" },
      ),
    );
    expect(click.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.messages.length).toBe(before);

    const employee = JSON.stringify(await (await slash(server, userId(1), "dashboard")).json());
    expect(employee).not.toContain("signin");
    expect(employee).toContain("Oversikten er for ledere");
  });

  it("lets a leader point the unit's digests at a channel, and says how to invite the bot", async () => {
    const { running: server } = await boot(2);
    const db = server.database.db;
    const { unitLeaders, units, unitChannels } = await import("../../src/db/schema");
    const leader = db
      .select({ id: people.id, unitId: people.unitId })
      .from(people)
      .where(eq(people.slackUserId, userId(0)))
      .get()!;
    db.insert(unitLeaders).values({ unitId: leader.unitId, personId: leader.id }).run();
    const refused = (await (await slash(server, userId(1), "channel <#C0DRIFT|drift>")).json()) as { text: string };
    expect(refused.text).toMatch(/Bare ledere/);
    const set = (await (await slash(server, userId(0), "channel <#C0DRIFT|drift>")).json()) as { text: string };
    // The fallback text is escaped for Slack ("&gt;"); the block shows it as plain text.
    expect(set.text).toBe("Resultater for Fjord AS &gt; Drift sendes nå til #drift.");
    const unitPath = db.select({ path: units.path }).from(units).where(eq(units.id, leader.unitId)).get()!.path;
    expect(unitPath).toBe("Fjord AS > Drift");
    expect(db.select().from(unitChannels).all()).toMatchObject([
      { unitId: leader.unitId, platform: "slack", channel: "C0DRIFT" },
    ]);
    await until(() => standIn.inChannel(standIn.dm(userId(0))).some((m) => m.text.includes("/invite @Pulsen")));
    // Once the bot is in the channel, no such DM.
    standIn.memberOf.add("C0OTHER");
    const before = standIn.messages.length;
    await slash(server, userId(0), "channel <#C0OTHER|annen>");
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.messages.length).toBe(before);
  });

  it("publishes the App Home once for an event Slack delivers four times", async () => {
    const { running: server } = await boot(1);
    const event = JSON.stringify({
      token: "legacy",
      team_id: "T0001",
      api_app_id: "A0001",
      type: "event_callback",
      event_id: "Ev0HOME1",
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "app_home_opened", user: userId(0), channel: "D0HOME", tab: "home", event_ts: "1.000" },
    });
    // Each redelivery is signed anew (the same signed request twice would be a replay).
    const ts = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 4; i++) {
      const signing = { contentType: "application/json", timestamp: ts - i };
      const res = await signedPost(`${server.url}/slack/events`, SECRET, event, signing);
      expect(res.status).toBe(200);
    }
    await until(() => standIn.homes.has(userId(0)));
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.calls.filter((c) => c.method === "views.publish")).toHaveLength(1);
    const home = JSON.stringify(standIn.homes.get(userId(0)));
    expect(home).toContain("Engasjementspuls");
    expect(home).toContain('\\"a\\":\\"start\\"');
  });
});
