import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { teamsAdapter } from "../../adapters/teams";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { type RunningServer, startServer } from "../../src/server/start";
import { buildDashboardOrg, signIn } from "../helpers/dashboard-org";
import { signedPost } from "../helpers/slack-sign";
import { SlackStandIn } from "../helpers/slack-standin";
import { tableChecksum } from "../helpers/table-checksum";
import { capturedLogger } from "../helpers/log-lines";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let standIn: SlackStandIn | null = null;
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await standIn?.stop();
});

/** The dashboard organization (demo, so /chat acts) behind Slack, Teams and the web chat, logging to `lines`. */
async function boot() {
  const org = buildDashboardOrg({ demo: true });
  standIn = new SlackStandIn();
  await standIn.start();
  const { lines, logger } = capturedLogger();
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: org.path,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.url,
    TEAMS_UNAUTHENTICATED: "1",
  });
  running = await startServer(config, logger, org.clock, {
    adapters: [slackAdapter, teamsAdapter, webchatAdapter],
    tick: null,
  });
  return { org, lines, server: running };
}

const MB = "x".repeat(1_100_000);
const JSON_TYPE = { "content-type": "application/json" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const activity = {
  type: "message",
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:9/",
  from: { id: "29:x", aadObjectId: "6f1c2b9e-0000-4000-8000-000000000001" },
  conversation: { id: "a:1", conversationType: "personal" },
  text: "status",
};

interface Case {
  name: string;
  send: (url: string, cookie: string, person: string) => Promise<Response>;
  status: 400 | 413;
}

const post = (url: string, headers: Record<string, string>, body: string) =>
  fetch(url, { method: "POST", headers, body });

const slack = (body: string, contentType?: string) => (url: string) =>
  signedPost(`${url}/slack/events`, SECRET, body, contentType ? { contentType } : {});
const teams = (body: string) => (url: string) => post(`${url}/api/messages`, JSON_TYPE, body);

const CASES: Case[] = [
  { name: "slack: malformed JSON event", send: slack("{not json", "application/json"), status: 400 },
  {
    name: "slack: 1 MB JSON event",
    send: slack(JSON.stringify({ type: "event_callback", x: MB }), "application/json"),
    status: 413,
  },
  {
    name: "slack: event not an object",
    send: slack(JSON.stringify({ type: "event_callback", event: "x" }), "application/json"),
    status: 400,
  },
  {
    name: "slack: challenge an object",
    send: slack(JSON.stringify({ type: "url_verification", challenge: { a: 1 } }), "application/json"),
    status: 400,
  },
  {
    name: "slack: action value an object",
    send: slack(
      form({
        type: "block_actions",
        user: { id: "U0001" },
        actions: [{ action_id: "pulsen:answer", value: { a: 1 } }],
      }),
    ),
    status: 400,
  },
  {
    name: "slack: action_id a number",
    send: slack(form({ type: "block_actions", user: { id: "U0001" }, actions: [{ action_id: 7, value: "x" }] })),
    status: 400,
  },
  {
    name: "slack: slash command with user_id an array",
    send: slack("command=%2Fpulsen&user_id=U1&user_id=U2&text=status"),
    status: 400,
  },
  { name: "teams: malformed JSON", send: teams("{not json"), status: 400 },
  { name: "teams: 1 MB", send: teams(JSON.stringify({ ...activity, text: MB })), status: 413 },
  { name: "teams: type a number", send: teams(JSON.stringify({ ...activity, type: 5 })), status: 400 },
  { name: "teams: text an object", send: teams(JSON.stringify({ ...activity, text: { a: 1 } })), status: 400 },
  {
    name: "teams: no conversation",
    send: teams(JSON.stringify({ ...activity, conversation: undefined })),
    status: 400,
  },
  { name: "teams: from a string", send: teams(JSON.stringify({ ...activity, from: "x" })), status: 400 },
  {
    name: "teams: invoke value a string",
    send: teams(JSON.stringify({ ...activity, type: "invoke", name: "adaptiveCard/action", value: "x" })),
    status: 400,
  },
  { name: "chat: act with JSON", send: (u, _c, p) => post(`${u}/chat/${p}/act`, JSON_TYPE, '{"a":1}'), status: 400 },
  {
    name: "chat: act with a repeated field",
    send: (u, _c, p) => post(`${u}/chat/${p}/act`, FORM, "action=a&action=b"),
    status: 400,
  },
  { name: "chat: say with 1 MB", send: (u, _c, p) => post(`${u}/chat/${p}/say`, FORM, `text=${MB}`), status: 413 },
  {
    name: "api: malformed JSON",
    send: (u, c) => post(`${u}/api/instruments`, { ...JSON_TYPE, cookie: c }, "{not json"),
    status: 400,
  },
  {
    name: "api: 1 MB",
    send: (u, c) => post(`${u}/api/instruments`, { ...JSON_TYPE, cookie: c }, JSON.stringify({ x: MB })),
    status: 413,
  },
  {
    name: "api: instrument an array",
    send: (u, c) => post(`${u}/api/instruments`, { ...JSON_TYPE, cookie: c }, "[1,2]"),
    status: 400,
  },
  {
    name: "api: extend until an object",
    send: (u, c) => post(`${u}/api/rounds/r_x/extend`, { ...JSON_TYPE, cookie: c }, '{"until":{"a":1}}'),
    status: 400,
  },
  {
    name: "api: channel id a number",
    send: (u, c) =>
      fetch(`${u}/api/units/u_x/channel`, {
        method: "PUT",
        headers: { ...JSON_TYPE, cookie: c },
        body: '{"platform":"slack","channelId":5}',
      }),
    status: 400,
  },
  {
    name: "api: org import binary",
    send: (u, c) => post(`${u}/api/org/import`, { "content-type": "text/csv", cookie: c }, "\u0000\u0001\u0002"),
    status: 400,
  },
];

describe("bodies nobody can read, on every edge", () => {
  it("are answered 400 or 413 with a clear error and one log line without a stack, and write nothing", async () => {
    const { org, lines, server } = await boot();
    const cookie = await signIn(server, "hr@org.example");
    const person = org.personId("a0@org.example");
    const before = tableChecksum(server.database.db);
    const failures: string[] = [];
    for (const c of CASES) {
      const from = lines.length;
      const res = await c.send(server.url, cookie, person);
      const text = await res.text();
      const logged = lines.slice(from);
      const problems = [
        res.status === c.status ? null : `status ${res.status}`,
        /error|invalid|too large|not/i.test(text) ? null : `unclear body ${text.slice(0, 80)}`,
        logged.length === 1 ? null : `${logged.length} log lines`,
        logged.some((l) => /\\n\s+at |"stack"/.test(l)) ? "a stack in the log" : null,
      ].filter((p) => p !== null);
      if (problems.length > 0) failures.push(`${c.name}: ${problems.join(", ")} ${logged.join(" | ").slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(tableChecksum(server.database.db)).toBe(before);
  });
});
