import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { type RunningServer, startServer } from "../../src/server/start";
import { SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

let running: RunningServer | null = null;
let standIn: SlackStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await standIn?.stop();
});

async function boot(publicUrl: string) {
  standIn = new SlackStandIn();
  await standIn.start();
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: `${tempDir()}/pulsen.db`,
    PUBLIC_URL: publicUrl,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
    SLACK_API_URL: standIn.url,
  });
  running = await startServer(config, silentLogger(), new ManualClock("2026-11-24T09:00:00Z"), {
    adapters: [webchatAdapter, slackAdapter],
    tick: null,
  });
  return running.url;
}

/** One of each kind of route: pages, the preview, JSON, health, a platform endpoint, a 404, a link page. */
const ROUTES: [string, RequestInit?][] = [
  ["/chat"],
  ["/chat/preview"],
  ["/chat/someone"],
  ["/api/session"],
  ["/api/nothing-here"],
  ["/healthz"],
  ["/slack/events", { method: "POST", body: "x=1" }],
  ["/no/such/page"],
  ["/"],
  ["/l/not-a-link"],
];

const frameAncestors = (csp: string | null) => /frame-ancestors ([^;]+)/.exec(csp ?? "")?.[1]?.trim();

describe.each([
  ["http", "http://localhost:3000"],
  ["https", "https://pulsen.example"],
])("security headers under %s", (scheme, publicUrl) => {
  it("come on every route: a CSP, nosniff and a referrer policy, HSTS only under https", async () => {
    const url = await boot(publicUrl);
    for (const [path, init] of ROUTES) {
      const res = await fetch(`${url}${path}`, init);
      const h = res.headers;
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("referrer-policy"), path).toMatch(/^(same-origin|no-referrer)$/);
      const csp = h.get("content-security-policy");
      expect(csp, path).toMatch(/default-src '(self|none)'/);
      expect(frameAncestors(csp), path).toBeDefined();
      if (scheme === "https") expect(h.get("strict-transport-security"), path).toMatch(/max-age=\d{7,}/);
      else expect(h.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("lets only Teams frame the dashboard, and nobody frame the chat pages", async () => {
    const url = await boot(publicUrl);
    for (const path of ["/chat", "/chat/preview", "/chat/someone", "/api/session", "/l/not-a-link"])
      expect(frameAncestors((await fetch(`${url}${path}`)).headers.get("content-security-policy")), path).toBe(
        "'none'",
      );
    const dashboard = frameAncestors((await fetch(`${url}/`)).headers.get("content-security-policy"));
    expect(dashboard).toContain("https://teams.microsoft.com");
  });

  it("marks every cookie Secure under https, the sign-out cookie included", async () => {
    const url = await boot(publicUrl);
    const cookie = (await fetch(`${url}/api/session`, { method: "DELETE" })).headers.get("set-cookie") ?? "";
    expect(cookie).toContain("pulsen_session=;");
    expect(/;\s*Secure/i.test(cookie)).toBe(scheme === "https");
  });
});
