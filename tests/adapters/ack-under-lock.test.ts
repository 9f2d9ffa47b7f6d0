import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { teamsAdapter } from "../../adapters/teams";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { draftAnswers } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { roundOnFile } from "../helpers/round-on-file";
import { until } from "../helpers/slack-interaction";
import { signedPost } from "../helpers/slack-sign";
import { SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";

const SECRET = "lock-test-secret";
const HOLD_MS = 5000;
const slackUser = (i: number) => `U0LOCK${i}00`;
const aad = (i: number) => `00000000-0000-4000-8000-0000000000${10 + i}`;

let running: RunningServer | null = null;
let holder: ChildProcess | null = null;
const standIns: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  holder?.kill("SIGKILL");
  await running?.stop();
  running = null;
  for (const s of standIns.splice(0)) await s.stop();
});

/** Another process (as the CLI or a backup would) takes the write lock and keeps it for HOLD_MS. */
function holdLock(path: string): Promise<ChildProcess> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    db.exec("UPDATE organizations SET name = name");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${HOLD_MS});
  `;
  const child = spawn(process.execPath, ["-e", script, path], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

describe("a click while another process holds the database", () => {
  it("is acknowledged within 3 s in Slack and Teams, and stored exactly once when the lock goes", async () => {
    const now = new Date("2026-11-24T09:00:00Z");
    const people = [0, 1, 2, 3].map((i) => `l${i}@org.example,L ${i},Org,,,${slackUser(i)},${aad(i)},,`);
    const { path, roundId } = roundOnFile({ roster: csv(people), platforms: new Set(["slack", "teams"]), now });
    const slack = new SlackStandIn();
    const connector = new ConnectorStandIn();
    await Promise.all([slack.start(), connector.start()]);
    standIns.push(slack, connector);
    const env = {
      PORT: "0",
      DATABASE_PATH: path,
      SLACK_BOT_TOKEN: "xoxb-lock",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_UNAUTHENTICATED: "1",
    };
    const clock = new ManualClock("2026-11-24T09:05:00Z");
    running = await startServer(loadConfig(env), silentLogger(), clock, {
      adapters: [slackAdapter, teamsAdapter],
      tick: null,
    });
    const url = running.url;
    // People 0 and 1 answer in Slack, on the invitation in their DM; 2 and 3 in Teams, on the invitation card.
    const ts = "1764000000.000100";
    for (const i of [0, 1]) slack.messages.push({ channel: `D${slackUser(i)}`, ts, text: "", blocks: [], updates: 0 });
    const value = (i: number) => JSON.stringify({ a: "answer", r: roundId, i: "wellbeing-1", v: i + 2 });
    const slackTap = (i: number) => {
      const payload = {
        type: "block_actions",
        user: { id: slackUser(i) },
        container: { type: "message", message_ts: ts, channel_id: `D${slackUser(i)}` },
        actions: [{ action_id: "pulsen:answer", block_id: "b", value: value(i) }],
      };
      return signedPost(`${url}/slack/events`, SECRET, `payload=${encodeURIComponent(JSON.stringify(payload))}`);
    };
    const teamsTap = (i: number) =>
      fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "invoke",
          name: "adaptiveCard/action",
          id: `tap-${i}`,
          replyToId: `card-${i}`,
          channelId: "msteams",
          serviceUrl: connector.url,
          from: { id: `29:${aad(i)}`, aadObjectId: aad(i), name: `L ${i}` },
          recipient: { id: "28:bot", name: "Pulsen" },
          conversation: { id: `a:conv-${i}`, conversationType: "personal", tenantId: "tenant-1" },
          channelData: { tenant: { id: "tenant-1" } },
          value: { action: { type: "Action.Execute", verb: "pulsen", data: { pulsen: JSON.parse(value(i)) } } },
        }),
      });
    const stored = () =>
      running!.database.db
        .select()
        .from(draftAnswers)
        .all()
        .map((a) => `${a.personId}:${a.itemId}=${a.value}`)
        .sort();

    holder = await holdLock(path);
    const lockedAt = performance.now();
    // All four at once: a tap that stopped the event loop would hold up the others' acknowledgements.
    const acks = await Promise.all(
      [slackTap(0), teamsTap(2), slackTap(1), teamsTap(3)].map(async (sent) => {
        const res = await sent;
        return { status: res.status, ms: performance.now() - lockedAt, body: await res.text() };
      }),
    );
    for (const ack of acks) {
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(3000);
    }
    // Nothing could be written yet; Teams was told the tap arrived.
    expect(stored()).toEqual([]);
    expect(acks[1]!.body).toContain("Mottatt");

    await until(() => stored().length === 4 && connector.updated.length === 2, HOLD_MS + 3000);
    const ids = running.database.db.$client.prepare("SELECT id FROM people ORDER BY email").pluck().all() as string[];
    expect(stored()).toEqual(ids.map((id, i) => `${id}:wellbeing-1=${i + 2}`).sort());
    // Each person's screen moved on to the second statement, once.
    for (const i of [0, 1]) {
      await until(() => slack.messages[i]!.updates === 1);
      expect(slack.messages[i]!.text).toContain("2");
    }
    expect(connector.updated.map((u) => u.id).sort()).toEqual(["card-2", "card-3"]);
    expect(JSON.stringify(connector.updated[0]!.activity)).toContain("2 av 4");
  }, 15_000);
});
