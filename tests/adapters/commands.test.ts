import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { teamsAdapter } from "../../adapters/teams";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { organizations, people, unitChannels } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { answerAs } from "../helpers/answering";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { signedPost } from "../helpers/slack-sign";
import { SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
import { WebchatClient } from "../helpers/webchat-client";
import { silentLogger } from "../helpers/world";

/**
 * Every command a person can type, on each platform, through the real Bolt
 * app, botbuilder's CloudAdapter and the web chat's pages: one parser in the
 * bot, and help that says what people type where they are.
 */
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const slackStandIn = new SlackStandIn();
const connector = new ConnectorStandIn();
let server: RunningServer;
const clock = new ManualClock("2026-11-24T09:00:00Z");
const ids = new Map<string, string>();

// Leader Lea (nb), Nils (nn) and Emma (en) in Drift, four more to make k = 5 answers.
const PEOPLE = [
  ["lea", "Lea Leder", "Org > Drift", "Org > Drift", "nb"],
  ["nils", "Nils Nynorsk", "Org > Drift", "", "nn"],
  ["emma", "Emma English", "Org > Drift", "", "en"],
  ["a", "A", "Org > Drift", "", "nb"],
  ["b", "B", "Org > Drift", "", "nb"],
  ["c", "C", "Org > Drift", "", "nb"],
] as const;
const slackId = (key: string) => `U0${key.toUpperCase()}000`;
const aad = (key: string) => `00000000-0000-4000-8000-${key.padStart(12, "0").replace(/[^0-9a-f]/g, "a")}`;

beforeAll(async () => {
  await slackStandIn.start();
  await connector.start();
  const path = `${tempDir()}/pulsen.db`;
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  const rows = PEOPLE.map(([k, name, unit, leads, locale]) =>
    [`${k}@org.example`, name, unit, leads, "", slackId(k), aad(k), locale, ""].join(","),
  );
  importOrgCsv(setup.db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  // The web chat's person pages exist only for the demo organization (DESIGN.md rule 9).
  setup.db.update(organizations).set({ demo: true }).run();
  for (const p of setup.db.select({ id: people.id, email: people.email }).from(people).all()) {
    ids.set(p.email.split("@")[0]!, p.id);
  }
  for (const [k] of PEOPLE) slackStandIn.users.add(slackId(k));
  setup.close();
  const env = {
    ...{ PORT: "0", DATABASE_PATH: path, TEAMS_UNAUTHENTICATED: "1" },
    ...{ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackStandIn.url },
  };
  const adapters = [webchatAdapter, slackAdapter, teamsAdapter];
  server = await startServer(loadConfig(env), silentLogger(), clock, { adapters, tick: null });
});
afterAll(async () => {
  await server.stop();
  await slackStandIn.stop();
  await connector.stop();
});

/** All the text a person sees in a reply, whatever the platform's format (and its escapes). */
function seen(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key = ""): void => {
    if (typeof v === "string" && ["text", "title", "url", "value"].includes(key)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(value);
  return out
    .join(" ")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&")
    .replace(/\\([>*_#[\]-])/g, "$1");
}

type Where = "slack" | "teams" | "teams-channel" | "webchat";

/** Slack gives every slash command its own trigger id: two alike commands are two requests, not a replay. */
let triggers = 0;

async function say(where: Where, who: string, text: string, o: { slackChannel?: string } = {}): Promise<string> {
  const person = ids.get(who)!;
  if (where === "slack") {
    const form = { team_id: "T0001", user_id: slackId(who), command: "/pulsen", text, trigger_id: `1.${++triggers}` };
    const channel = {
      channel_id: o.slackChannel ?? "D0DM00001",
      channel_name: o.slackChannel ? "drift" : "directmessage",
    };
    const body = new URLSearchParams({ ...form, ...channel, response_url: `${slackStandIn.url}response` });
    const res = await signedPost(`${server.url}/slack/events`, SECRET, body.toString());
    return seen(await res.json());
  }
  if (where === "webchat") {
    const client = new WebchatClient(server.url);
    const before = (await client.messages(person)).at(-1)?.id ?? 0;
    const res = await fetch(`${server.url}/chat/${person}/say`, {
      method: "POST",
      body: new URLSearchParams({ text }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const fresh = (await client.messages(person)).filter((m) => m.id > before);
    return fresh
      .map((m) => `${m.text} ${[...m.html.matchAll(/href="([^"]+)"/g)].map((h) => h[1]).join(" ")}`)
      .join(" ");
  }
  const inChannel = where === "teams-channel";
  const conversation = inChannel
    ? { id: "19:drift@thread.tacv2", conversationType: "channel", tenantId: "tenant-1" }
    : { id: `a:conv-${who}`, conversationType: "personal", tenantId: "tenant-1" };
  const sentBefore = connector.sent.length;
  const res = await fetch(`${server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...{ type: "message", id: `act-${Math.random()}`, channelId: "msteams", serviceUrl: connector.url },
      ...{ from: { id: `29:${who}`, aadObjectId: aad(who), name: who }, recipient: { id: "28:bot", name: "Pulsen" } },
      conversation,
      channelData: {
        tenant: { id: "tenant-1" },
        ...(inChannel ? { channel: { id: conversation.id, name: "Drift" } } : {}),
      },
      text: inChannel ? `<at>Pulsen</at> ${text}` : text,
    }),
  });
  expect(res.status).toBeLessThan(300);
  return seen(connector.sent.slice(sentBefore).map((s) => s.activity));
}

const PLATFORMS: Where[] = ["slack", "teams", "webchat"];

describe("help", () => {
  it("on Slack shows the slash command, in the person's language", async () => {
    const nb = await say("slack", "lea", "hjelp");
    expect(nb).toContain("/pulsen status – åpne undersøkelser");
    expect(nb).toContain("/pulsen kanal #kanal");
    expect(await say("slack", "emma", "help")).toContain("/pulsen results – (leaders)");
    expect(await say("slack", "nils", "")).toContain("/pulsen resultat – (leiarar)");
  });

  it("in Teams' 1:1 chat shows the bare words, and in a channel the @mention, never /pulsen", async () => {
    const personal = await say("teams", "lea", "help");
    expect(personal).toContain("Pulsen – dette kan du skrive");
    expect(personal).toMatch(/(^| )status – åpne undersøkelser/);
    expect(personal).toContain("@Pulsen kanal, skrevet i kanalen i teamet");
    expect(personal).not.toContain("/pulsen");
    const channel = await say("teams-channel", "emma", "help");
    expect(channel).toContain("@Pulsen status – open surveys");
    expect(channel).not.toContain("/pulsen");
  });

  it("in the web chat shows the words to type in its box, and no channel command", async () => {
    const text = await say("webchat", "nils", "hjelp");
    expect(text).toContain("status – opne undersøkingar");
    expect(text).not.toContain("/pulsen");
    expect(text).not.toMatch(/kanal/);
  });

  it.each(PLATFORMS)("on %s names a word it does not know before the help", async (where) => {
    const text = await say(where, "emma", "statuss");
    expect(text).toContain("I do not know “statuss”.");
    expect(text).toContain("status – open surveys");
  });
});

describe("status, results, dashboard and channel", () => {
  let roundId = "";
  beforeAll(() => {
    const db = server.database.db;
    const base = { name: "Puls", instrumentId: "quick-pulse", audience: "all" as const, cadence: "0 9 1 * *" };
    const { id } = createSeries(db, { ...base, openDays: 7, reminderDays: [3], window: { ...ALWAYS } }, clock.now());
    roundId = db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }),
    );
  });
  const answerAndClose = () => {
    for (const k of ["nils", "emma", "a", "b", "c"]) {
      answerAs(server.bot, clock, ids.get(k)!, roundId, { statements: 20, send: true });
    }
    server.database.db.transaction((tx) => closeRound(tx, roundId, clock.now()));
  };

  it.each(PLATFORMS)("status on %s lists the open survey, with or without /pulsen in front", async (where) => {
    expect(await say(where, "lea", "status")).toContain("Puls: ikke besvart ennå");
    if (where !== "slack") expect(await say(where, "nils", "/pulsen status")).toContain("Puls: ikkje svart enno");
  });

  it.each(PLATFORMS)("results on %s before the close: none yet", async (where) => {
    expect(await say(where, "lea", "resultater")).toContain("Ingen resultater for enheter du leder ennå");
  });

  describe("after the close, with five of six answers (k = 5)", () => {
    beforeAll(answerAndClose);

    it.each(PLATFORMS)("results on %s: the digest the channel got, with its n", async (where) => {
      const text = await say(where, "lea", where === "slack" ? "resultater" : "results");
      expect(text).toContain("Resultater: Puls – Org > Drift");
      expect(text).toContain("5 av 6 svarte (83 %).");
    });
  });

  it("results in a Teams channel are refused: the team reads along", async () => {
    const text = await say("teams-channel", "lea", "resultater");
    expect(text).toContain("Resultater viser jeg bare i vår private chat");
    expect(text).not.toContain("svarte");
  });

  it.each(PLATFORMS)("dashboard on %s gives a leader a one-time sign-in link", async (where) => {
    const text = await say(where, "lea", where === "teams" ? "oversikt" : "dashboard");
    expect(text).toContain("Her er lenken din til oversikten");
    expect(text).toMatch(/\/signin\?token=[A-Za-z0-9_-]{20,}/);
    expect(await say(where, "a", "dashboard")).toContain("Oversikten er for ledere, HR, tillitsvalgte");
  });

  it("dashboard in a Teams channel sends no link", async () => {
    const text = await say("teams-channel", "lea", "dashboard");
    expect(text).toContain("Innloggingslenker sender jeg bare i vår private chat");
    expect(text).not.toContain("/signin");
  });

  it("channel on Slack takes the channel the command names, or the one it is typed in", async () => {
    expect(await say("slack", "lea", "kanal <#C0DRIFT01|drift>")).toContain(
      "Resultater for Org > Drift sendes nå til #drift.",
    );
    expect(await say("slack", "lea", "channel", { slackChannel: "C0DRIFT02" })).toContain("sendes nå til #drift.");
    expect(await say("slack", "lea", "kanal")).toContain("Skriv hvilken kanal: /pulsen kanal #kanal");
    expect(await say("slack", "a", "kanal <#C0DRIFT01|drift>")).toContain("Bare ledere for en enhet, eller HR");
    const stored = server.database.db.select().from(unitChannels).all();
    expect(stored.map((c) => [c.platform, c.channel])).toEqual([["slack", "C0DRIFT02"]]);
  });

  it("channel in Teams is typed in the team's channel, and said so in the 1:1 chat", async () => {
    expect(await say("teams", "lea", "kanal")).toContain("Skriv @Pulsen kanal i kanalen i teamet");
    expect(await say("teams-channel", "lea", "channel")).toContain("Resultater for Org > Drift sendes nå til Drift.");
    const teams = server.database.db
      .select()
      .from(unitChannels)
      .all()
      .find((c) => c.platform === "teams");
    expect(JSON.parse(teams!.channel).conversation.id).toBe("19:drift@thread.tacv2");
  });

  it("channel in the web chat says results go to Slack or Teams", async () => {
    expect(await say("webchat", "emma", "channel")).toContain("Results go to a Slack or Teams channel");
  });
});
