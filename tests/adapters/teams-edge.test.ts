import { generateKeyPair } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { teamsReferences } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import { BotFrameworkStandIn } from "../helpers/botframework-standin";
import { tempDir } from "../helpers/tmp";
import { capturedLogger } from "../helpers/log-lines";

const APP_ID = "11111111-1111-1111-1111-111111111111";
let running: RunningServer | null = null;
let bf: BotFrameworkStandIn | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = null;
  await bf?.stop();
});

async function boot(env: Record<string, string>) {
  const { lines, logger } = capturedLogger();
  const config = loadConfig({ PORT: "0", DATABASE_PATH: `${tempDir()}/pulsen.db`, ...env });
  running = await startServer(config, logger, new ManualClock(new Date()), { adapters: [teamsAdapter], tick: null });
  return { lines, url: `${running.url}/api/messages`, db: running.database.db };
}

const activity = {
  type: "message",
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:9/",
  from: { id: "29:x", aadObjectId: "00000000-0000-4000-8000-000000000001" },
  conversation: { id: "a:1", conversationType: "personal" },
  text: "status",
};
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("Teams' edge", () => {
  it("answers 400 to invalid JSON and 413 to a body over 1 MB, even unauthenticated, with one log line each", async () => {
    const { lines, url, db } = await boot({ TEAMS_UNAUTHENTICATED: "1" });
    for (const [body, status] of [
      ["{not json", 400],
      [JSON.stringify({ ...activity, text: "x".repeat(1_100_000) }), 413],
      ["[1,2]", 400],
    ] as const) {
      const before = lines.length;
      const res = await post(url, body);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error: expect.any(String) });
      expect(lines.length - before).toBeLessThanOrEqual(1);
    }
    expect(db.select().from(teamsReferences).all()).toHaveLength(0);
  });

  it("answers 20 bad or missing tokens with 20× 401 and at most one short log line each, nothing on the console", async () => {
    bf = new BotFrameworkStandIn();
    await bf.start();
    // Before the start: the adapter wraps whatever console.error is then.
    const consoleWrites = [
      vi.spyOn(console, "error").mockImplementation(() => undefined),
      vi.spyOn(console, "log").mockImplementation(() => undefined),
      vi.spyOn(console, "warn").mockImplementation(() => undefined),
    ];
    const { lines, url } = await boot({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "secret",
      // The default type, SingleTenant, with its tenant.
      MICROSOFT_APP_TENANT_ID: "6f1c2b9e-0000-4000-8000-00000000aaaa",
      BOTFRAMEWORK_OPENID_METADATA_URL: bf.metadataUrl,
    });
    const { privateKey: otherKey } = await generateKeyPair("RS256");
    const serviceUrl = activity.serviceUrl;
    const tokens = [
      // Signed with a key that is not the Bot Framework's: botframework-connector prints its keys.
      ...(await Promise.all(Array.from({ length: 6 }, () => bf!.token({ appId: APP_ID, serviceUrl, key: otherKey })))),
      // Expired: botframework-connector prints the error with its stack.
      ...(await Promise.all(Array.from({ length: 6 }, () => bf!.token({ appId: APP_ID, serviceUrl, age: 7200 })))),
      ...Array.from({ length: 4 }, (_, i) => `garbage.${i}.token`),
      ...Array.from({ length: 4 }, () => ""),
    ];
    const before = lines.length;
    for (const token of tokens) {
      const res = await post(url, JSON.stringify(activity), token ? { authorization: `Bearer ${token}` } : {});
      expect(res.status).toBe(401);
    }
    const logged = lines.slice(before);
    expect(logged.length).toBeLessThanOrEqual(20);
    for (const line of logged) {
      expect(line.length).toBeLessThan(300);
      expect(line).not.toContain("BEGIN");
      expect(line).not.toMatch(/\\n\s+at /);
    }
    for (const spy of consoleWrites) expect(spy).not.toHaveBeenCalled();
    // Anything else still reaches the console.
    console.error("something else");
    expect(consoleWrites[0]).toHaveBeenCalledWith("something else");
  });
});
