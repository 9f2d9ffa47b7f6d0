import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { ReplayCache } from "../../adapters/slack/edge";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { outbox } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import { signedPost } from "../helpers/slack-sign";
import { SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
import { capturedLogger } from "../helpers/log-lines";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let standIn: SlackStandIn | null = null;
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await standIn?.stop();
});

/** A Slack-only server whose log lines the test reads. */
async function boot() {
  standIn = new SlackStandIn();
  await standIn.start();
  const { lines, logger } = capturedLogger();
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: `${tempDir()}/pulsen.db`,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.url,
  });
  running = await startServer(config, logger, new ManualClock("2026-11-24T09:00:00Z"), {
    adapters: [slackAdapter],
    tick: null,
  });
  const url = `${running.url}/slack/events`;
  return { url, lines, db: running.database.db };
}

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const command = "command=%2Fpulsen&user_id=U0001&text=hjelp&channel_id=D0001";

describe("Slack's edge refuses what Slack would never send", () => {
  it("answers 400 with one log line to signed payloads with no user, non-array actions or a wrong type", async () => {
    const { url, lines, db } = await boot();
    const bad = [
      { type: "block_actions", actions: [{ action_id: "pulsen:x", value: "x" }] },
      { type: "block_actions", user: { id: "U0001" }, actions: { action_id: "pulsen:x" } },
      { type: 42, user: { id: "U0001" } },
      { type: "block_actions", user: "U0001", actions: [] },
    ];
    for (const payload of bad) {
      const before = lines.length;
      const res = await signedPost(url, SECRET, form(payload));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "input_invalid" });
      expect(lines.length - before).toBe(1);
      expect(lines.at(-1)).not.toContain("\\n    at ");
    }
    expect((await signedPost(url, SECRET, "payload=%7Bnot-json")).status).toBe(400);
    const huge = await signedPost(url, SECRET, `payload=${"x".repeat(1_100_000)}`);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ message: expect.stringMatching(/too large/) });
    expect(db.select().from(outbox).all()).toHaveLength(0);
  });

  it("refuses a signed request dated in the future, and the same signed request twice", async () => {
    const { url } = await boot();
    const now = Math.floor(Date.now() / 1000);
    expect((await signedPost(url, SECRET, command, { timestamp: now + 365 * 86_400 })).status).toBe(401);
    expect((await signedPost(url, SECRET, command, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await signedPost(url, SECRET, command, { timestamp: now - 6 * 60 })).status).toBe(401);
    const first = await signedPost(url, SECRET, command, { timestamp: now });
    expect(first.status).toBe(200);
    expect((await signedPost(url, SECRET, command, { timestamp: now })).status).toBe(401);
    // A new delivery is signed anew: it goes through.
    expect((await signedPost(url, SECRET, command, { timestamp: now + 1 })).status).toBe(200);
    expect((await signedPost(url, SECRET, command, { signature: "v0=00" })).status).toBe(401);
  });
});

describe("the replay cache", () => {
  it("remembers a signature until its timestamp leaves the window, and stays within its bound", () => {
    const cache = new ReplayCache(3);
    expect(cache.first("a", 100, 0)).toBe(true);
    expect(cache.first("a", 100, 50)).toBe(false);
    // Past its expiry the signature is forgotten (the timestamp check refuses it by then anyway).
    expect(cache.first("a", 200, 101)).toBe(true);
    for (const s of ["b", "c", "d", "e"]) expect(cache.first(s, 300, 150)).toBe(true);
    // Full: the oldest went first.
    expect(cache.first("e", 300, 150)).toBe(false);
    expect(cache.first("a", 300, 150)).toBe(true);
  });
});
