import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { toAdaptiveCard } from "../../adapters/teams/cards";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { drafts, invitations, outbox, responses, teamsReferences } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { generateKeyPair } from "jose";
import { BotFrameworkStandIn } from "../helpers/botframework-standin";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

// The adaptivecards package's UMD bundle parses cards in Node without a DOM (DESIGN.md).
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const aad = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
const AAD = [aad(0), aad(1)];
let running: RunningServer | null = null;
let connector: ConnectorStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await connector?.stop();
});

async function boot(env: Record<string, string>, people = 2) {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  const rows = Array.from(
    { length: people },
    (_, i) => `t${i}@org.example,T ${i},Org > Drift,${i === 0 ? "Org > Drift" : ""},,,${aad(i)},,`,
  );
  importOrgCsv(setup.db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  setup.close();
  running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: path, ...env }), silentLogger(), clock, {
    adapters: [teamsAdapter],
    tick: null,
  });
  return { clock, path };
}

function activity(type: string, aad: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    id: `act-${Math.random()}`,
    channelId: "msteams",
    serviceUrl: connector!.url,
    from: { id: `29:${aad}`, aadObjectId: aad, name: "T" },
    recipient: { id: "28:bot", name: "Pulsen" },
    conversation: { id: `a:conv-${aad}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    ...extra,
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${running!.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

type Card = {
  body: { type: string; text?: string; actions?: { title: string; data: { pulsen: { a: string; v?: unknown } } }[] }[];
};
const actionsOf = (card: Card) => card.body.filter((b) => b.type === "ActionSet").flatMap((b) => b.actions ?? []);

describe("Teams, through botbuilder's CloudAdapter over HTTP", () => {
  it("answers 401 without an app id unless unauthenticated local testing is switched on", async () => {
    await boot({});
    expect((await post({ type: "message" })).status).toBe(401);
  });

  it("answers 401 to an activity without a valid token when authentication is on", async () => {
    await boot({
      MICROSOFT_APP_ID: "11111111-1111-1111-1111-111111111111",
      MICROSOFT_APP_PASSWORD: "secret",
      MICROSOFT_APP_TYPE: "MultiTenant",
    });
    connector = new ConnectorStandIn();
    await connector.start();
    expect((await post(activity("message", AAD[0]!, { text: "status" }))).status).toBe(401);
    expect(
      (await post(activity("message", AAD[0]!, { text: "status" }), { authorization: "Bearer not.a.jwt" })).status,
    ).toBe(401);
  });

  it("accepts activities the Bot Framework signed, answers a card action in place, and refuses forged, misaddressed or foreign tokens", async () => {
    const bf = new BotFrameworkStandIn();
    await bf.start();
    try {
      connector = new ConnectorStandIn();
      await connector.start();
      const appId = "11111111-1111-1111-1111-111111111111";
      const { clock } = await boot({
        MICROSOFT_APP_ID: appId,
        MICROSOFT_APP_PASSWORD: "secret",
        MICROSOFT_APP_TYPE: "MultiTenant",
        BOTFRAMEWORK_OPENID_METADATA_URL: bf.metadataUrl,
      });
      const db = running!.database.db;
      const signed = async (body: unknown, o: Partial<Parameters<BotFrameworkStandIn["token"]>[0]> = {}) =>
        post(body, { authorization: `Bearer ${await bf.token({ appId, serviceUrl: connector!.url, ...o })}` });

      expect((await signed(activity("installationUpdate", AAD[0]!, { action: "add" }))).status).toBeLessThan(300);
      expect(db.select().from(teamsReferences).all()).toHaveLength(1);

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
      const invoke = (data: unknown) =>
        activity("invoke", AAD[0]!, {
          name: "adaptiveCard/action",
          value: { action: { type: "Action.Execute", verb: "pulsen", data: { pulsen: data } } },
        });
      const res = await signed(invoke({ a: "start", r: roundId }));
      expect(res.status).toBe(200);
      const card = ((await res.json()) as { value: Card }).value;
      expect(actionsOf(card).map((a) => a.data.pulsen.v)).toEqual([1, 2, 3, 4, 5, "skip"]);

      const forged = (await generateKeyPair("RS256")).privateKey;
      const refused = [
        await signed(invoke({ a: "start", r: roundId }), { key: forged }),
        await signed(invoke({ a: "start", r: roundId }), { appId: "22222222-2222-2222-2222-222222222222" }),
        await signed(invoke({ a: "start", r: roundId }), { serviceUrl: "https://evil.example/" }),
        await signed(invoke({ a: "start", r: roundId }), { issuer: "https://sts.windows.net/evil/" }),
      ];
      expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
      expect(db.select().from(drafts).all()).toHaveLength(1); // only the one real start
    } finally {
      await bf.stop();
    }
  });

  it("captures the conversation on install, sends the invitation as a card, and updates it in place as the person answers", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    const { clock, path } = await boot({ TEAMS_UNAUTHENTICATED: "1" });
    expect((await post(activity("installationUpdate", AAD[0]!, { action: "add" }))).status).toBeLessThan(300);

    const db = running!.database.db;
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
    await running!.scheduler.tick();

    // Person 0 installed the app: invited. Person 1 did not: listed as unreachable, with the reason.
    expect(connector.sent).toHaveLength(1);
    expect(connector.created).toEqual([]); // Teams refused a new chat: not installed for person 1
    const invite = (connector.sent[0]!.activity.attachments as { content: Card }[])[0]!.content;
    expect(actionsOf(invite)[0]!.data.pulsen).toEqual({ a: "start", r: roundId });
    const { unreachable } = await import("../../src/rounds/status");
    expect(unreachable(db, roundId)).toEqual([
      {
        email: "t1@org.example",
        name: "T 1",
        unit: "Org > Drift",
        reason: "Pulsen is not installed for this user in Teams",
      },
    ]);

    const tap = async (data: unknown, comment?: string) => {
      clock.advance(3000); // a person reads before tapping
      const res = await post(
        activity("invoke", AAD[0]!, {
          name: "adaptiveCard/action",
          value: {
            action: {
              type: "Action.Execute",
              verb: "pulsen",
              data: { ...(data as object), ...(comment ? { comment } : {}) },
            },
          },
        }),
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { value: Card }).value;
    };
    let card = await tap({ pulsen: actionsOf(invite)[0]!.data.pulsen });
    for (let j = 0; j < 4; j++) {
      const acts = actionsOf(card);
      // In order: 1, 2, 3, 4, 5, then skip; then Back, after the first statement.
      expect(acts.slice(0, 6).map((a) => a.data.pulsen.v)).toEqual([1, 2, 3, 4, 5, "skip"]);
      expect(acts.slice(6).map((a) => a.data.pulsen.a)).toEqual(j === 0 ? [] : ["back"]);
      card = await tap({ pulsen: acts[j]!.data.pulsen });
    }
    card = await tap(
      { pulsen: actionsOf(card).find((a) => a.data.pulsen.a === "comment")!.data.pulsen },
      "Mer *fokus*",
    );
    expect(card.body.map((b) => b.text).join(" ")).toMatch(/Takk for svarene!/);
    expect(
      db
        .select()
        .from(invitations)
        .all()
        .filter((i) => i.completed),
    ).toHaveLength(1);
    db.transaction((tx) => closeRound(tx, roundId, clock.now()));
    expect(db.select().from(responses).all()).toHaveLength(1);
    expect(path).toBeTruthy();
  });

  it("turns connector errors into outbox decisions: 429 waits, 403 is unreachable", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    const { clock } = await boot({ TEAMS_UNAUTHENTICATED: "1" });
    for (const aad of AAD) await post(activity("installationUpdate", aad, { action: "add" }));
    connector.failures.push(
      { status: 429, body: { error: { code: "TooManyRequests" } }, headers: { "retry-after": "7" } },
      { status: 403, body: { error: { code: "MessageWritesBlocked" } } },
    );
    const db = running!.database.db;
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
    db.transaction((tx) => openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["teams"]) }));
    await running!.scheduler.tick();
    const rows = db
      .select({ state: outbox.state, reason: outbox.reason })
      .from(outbox)
      .all()
      .map((r) => `${r.state}:${r.reason}`)
      .sort();
    expect(rows).toEqual(["pending:rate limited", "undeliverable:403 MessageWritesBlocked"]);
  });
});

describe("Teams: reaching someone Pulsen has never heard from", () => {
  it("opens the 1:1 chat by tenant and AAD id when an admin policy installed the app", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    const { clock } = await boot({ TEAMS_UNAUTHENTICATED: "1" });
    await post(activity("installationUpdate", AAD[0]!, { action: "add" })); // tells us tenant and service address
    connector.installedFor.add(AAD[1]!); // pre-installed by policy; its install event never reached us
    const db = running!.database.db;
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
    db.transaction((tx) => openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["teams"]) }));
    await running!.scheduler.tick();
    expect(connector.created).toEqual([AAD[1]]);
    expect(connector.sent.map((s) => s.conversation).sort()).toEqual([`a:conv-${AAD[0]}`, `a:created-${AAD[1]}`]);
    expect(
      db
        .select({ state: outbox.state })
        .from(outbox)
        .all()
        .every((o) => o.state === "sent"),
    ).toBe(true);
  });
});

describe("Teams: a full round for 20 people", () => {
  it("installs for 20, invites with cards, takes answers from the cards' own actions, and posts the digest in the leader's team channel", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    const { clock } = await boot({ TEAMS_UNAUTHENTICATED: "1" }, 20);
    for (let i = 0; i < 20; i++) await post(activity("installationUpdate", aad(i), { action: "add" }));
    // The leader mentions the bot in the team's channel.
    const channelRes = await post(
      activity("message", aad(0), {
        text: "<at>Pulsen</at> channel",
        conversation: { id: "19:drift@thread.tacv2", conversationType: "channel", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" }, channel: { id: "19:drift@thread.tacv2", name: "Drift" } },
      }),
    );
    expect(channelRes.status).toBeLessThan(300);
    const confirm = connector.sent.find((x) => x.conversation === "19:drift@thread.tacv2")!;
    // Card text is escaped for Teams' Markdown ("\\>"), so compare without the escapes.
    expect(JSON.stringify(confirm.activity).replace(/\\\\/g, "")).toContain(
      "Resultater for Org > Drift sendes nå til Drift.",
    );

    const db = running!.database.db;
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
    await running!.scheduler.tick();
    const invites = connector.sent.filter((x) => x.conversation.startsWith("a:conv-"));
    expect(invites).toHaveLength(20);

    for (let i = 0; i < 20; i++) {
      const sentCard = (
        invites.find((x) => x.conversation === `a:conv-${aad(i)}`)!.activity.attachments as { content: Card }[]
      )[0]!.content;
      const tap = async (data: unknown, comment?: string) => {
        clock.advance(3000);
        const res = await post(
          activity("invoke", aad(i), {
            name: "adaptiveCard/action",
            value: {
              action: {
                type: "Action.Execute",
                verb: "pulsen",
                data: { ...(data as object), ...(comment ? { comment } : {}) },
              },
            },
          }),
        );
        return ((await res.json()) as { value: Card }).value;
      };
      let card = await tap({ pulsen: actionsOf(sentCard)[0]!.data.pulsen });
      for (let j = 0; j < 4; j++) card = await tap({ pulsen: actionsOf(card)[(i + j) % 6]!.data.pulsen });
      card = await tap({ pulsen: actionsOf(card).find((a) => a.data.pulsen.a === "skip_comment")!.data.pulsen });
      expect(card.body.map((b) => b.text).join(" ")).toMatch(/Takk for svarene!/);
    }
    db.transaction((tx) => closeRound(tx, roundId, clock.now()));
    expect(db.select().from(responses).all()).toHaveLength(20);
    await running!.scheduler.tick();
    const digest = connector.sent.filter((x) => x.conversation === "19:drift@thread.tacv2").slice(1);
    expect(digest).toHaveLength(1);
    const text = JSON.stringify(digest[0]!.activity);
    expect(text).toContain("Resultater: Puls – Org \\\\> Drift");
    expect(text).toContain("20 av 20 svarte (100 %).");
    expect(text).not.toMatch(/Svært (u)?enig/); // a digest, not anyone's answer
  });
});

describe("Teams: the dashboard sign-in link", () => {
  it("comes as a card with an open-URL action in the 1:1 chat, and never in a team channel", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    await boot({ TEAMS_UNAUTHENTICATED: "1" });
    await post(activity("message", AAD[0]!, { text: "dashboard" }));
    const personal = connector.sent.find((x) => x.conversation === `a:conv-${AAD[0]}`)!;
    const open = JSON.stringify(personal.activity);
    expect(open).toContain('"type":"Action.OpenUrl"');
    expect(open).toMatch(/"url":"http:\/\/localhost:\d+\/signin\?token=[A-Za-z0-9_-]{40,}"/);

    await post(
      activity("message", AAD[0]!, {
        text: "<at>Pulsen</at> dashboard",
        conversation: { id: "19:drift@thread.tacv2", conversationType: "channel", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" }, channel: { id: "19:drift@thread.tacv2", name: "Drift" } },
      }),
    );
    const inChannel = JSON.stringify(
      connector.sent.filter((x) => x.conversation === "19:drift@thread.tacv2").map((x) => x.activity),
    );
    expect(inChannel).toContain("bare i vår private chat");
    expect(inChannel).not.toContain("signin");
    // Someone with nothing on the dashboard is told so, with no link.
    await post(activity("message", AAD[1]!, { text: "dashboard" }));
    const employee = JSON.stringify(
      connector.sent.filter((x) => x.conversation === `a:conv-${AAD[1]}`).map((x) => x.activity),
    );
    expect(employee).not.toContain("signin");
    expect(employee).toContain("tillitsvalgte");
  });
});

describe("Adaptive Cards", () => {
  it("pass the adaptivecards parser with no errors for every kind of block", () => {
    const card = toAdaptiveCard({
      ref: "x",
      summary: "s",
      blocks: [
        { type: "header", text: "Utsagn 1 av 4" },
        { type: "text", text: "*bold* <at>x</at> [link](https://x)" },
        { type: "context", text: "▰▱ 1/4" },
        {
          type: "likert",
          statement: "Jeg trives",
          position: { k: 1, n: 4 },
          answers: [1, 2, 3, 4, 5, "skip"].map((v) => ({
            label: String(v),
            action: { a: "answer", r: "r_x", i: "w-1", v },
          })) as never,
        },
        { type: "buttons", buttons: [{ label: "Start", action: { a: "start", r: "r_x" }, style: "primary" }] },
        { type: "table", columns: ["Område", "Skår"], rows: [["Trivsel", "75"]] },
        { type: "link", label: "Åpne oversikten", url: "https://pulsen.example.no/signin?token=abc" },
        {
          type: "form",
          field: { label: "Kommentar", placeholder: "…", maxLength: 1000, multiline: true },
          submit: { label: "Send", action: { a: "comment", r: "r_x" } },
          skip: { label: "Hopp over", action: { a: "skip_comment", r: "r_x" } },
        },
      ],
    });
    const ctx = new AC.SerializationContext();
    new AC.AdaptiveCard().parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
    expect(events).toEqual([]);
    expect(JSON.stringify(card)).toContain("\\\\*bold\\\\*");
  });
});
