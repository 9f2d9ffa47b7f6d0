import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { teamsAdapter } from "../../adapters/teams";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { rng } from "../../src/demo/synthetic-org";
import type { Platform } from "../../src/jobs/sender";
import { type RunningServer, startServer } from "../../src/server/start";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { roundOnFile } from "../helpers/round-on-file";
import { SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";

// 40 people; the platform refuses 30 % of calls (seeded), half with 429 and Retry-After, half with 500, before
// it acts on them. The server's clock is moved a second a tick, so Retry-After and the outbox's backoff cost
// no wall time. After draining: every person has exactly one invitation, and the outbox agrees.
const PEOPLE = 40;
const FLAKY = { rate: 0.3 };
let running: RunningServer | null = null;
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await stop?.();
});

async function drain(platform: Platform, roster: string[], env: Record<string, string>, before?: () => Promise<void>) {
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const { path } = roundOnFile({ roster: csv(roster), platforms: new Set([platform]), now: clock.now() });
  const config = loadConfig({ PORT: "0", DATABASE_PATH: path, ...env });
  const adapters = [platform === "slack" ? slackAdapter : teamsAdapter];
  running = await startServer(config, silentLogger(), clock, { adapters, tick: null });
  await before?.();
  // Tick until nothing is left to send, jumping the clock to the next moment anything is due.
  const pending = running.database.sqlite.prepare("select 1 from outbox where state in ('pending', 'sending')");
  let ticks = 0;
  for (; ticks < 300 && pending.get() !== undefined; ticks++) {
    await running.scheduler.tick();
    const next = running.scheduler.nextWakeAt()?.getTime() ?? 0;
    clock.set(new Date(Math.max(clock.now().getTime() + 1000, next)));
  }
  const states = running.database.sqlite.prepare("select state, count(*) as n from outbox group by state").all() as {
    state: string;
    n: number;
  }[];
  return { states: Object.fromEntries(states.map((s) => [s.state, s.n])), ticks };
}

describe("a flaky platform (429 and 500 to 30 % of calls)", () => {
  it("Slack: after draining, every person has exactly one invitation", async () => {
    const slack = new SlackStandIn();
    await slack.start();
    stop = () => slack.stop();
    const users = Array.from({ length: PEOPLE }, (_, i) => `U0FLAKY${String(i).padStart(3, "0")}`);
    for (const u of users) slack.users.add(u);
    slack.flaky = { ...FLAKY, random: rng(17) };
    const roster = users.map((u, i) => `p${i}@org.example,P ${i},Org > Enhet ${i % 4},,,${u},,,`);
    const env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "flaky-secret", SLACK_API_URL: slack.url };
    const r = await drain("slack", roster, env);
    // The flakiness did bite, both ways.
    expect(slack.refused[429]).toBeGreaterThan(3);
    expect(slack.refused[500]).toBeGreaterThan(3);
    for (const u of users) expect(slack.inChannel(slack.dm(u)), u).toHaveLength(1);
    expect(slack.messages).toHaveLength(PEOPLE);
    expect(r.states).toEqual({ sent: PEOPLE });
  });

  it("Teams: after draining, every person has exactly one invitation", async () => {
    const connector = new ConnectorStandIn();
    await connector.start();
    stop = () => connector.stop();
    const aad = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const roster = Array.from(
      { length: PEOPLE },
      (_, i) => `t${i}@org.example,T ${i},Org > Enhet ${i % 4},,,,${aad(i)},,`,
    );
    // Each person installed Pulsen: the bot knows their 1:1 conversation.
    const install = async () => {
      for (let i = 0; i < PEOPLE; i++) {
        const res = await fetch(`${running!.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            type: "installationUpdate",
            id: `install-${i}`,
            action: "add",
            channelId: "msteams",
            serviceUrl: connector.url,
            from: { id: `29:${aad(i)}`, aadObjectId: aad(i) },
            recipient: { id: "28:bot", name: "Pulsen" },
            conversation: { id: `a:conv-${i}`, conversationType: "personal", tenantId: "tenant-1" },
            channelData: { tenant: { id: "tenant-1" } },
          }),
        });
        expect(res.status).toBe(200);
      }
      connector.flaky = { ...FLAKY, random: rng(23) };
    };
    const r = await drain("teams", roster, { TEAMS_UNAUTHENTICATED: "1" }, install);
    expect(connector.refused[429]).toBeGreaterThan(3);
    expect(connector.refused[500]).toBeGreaterThan(3);
    for (let i = 0; i < PEOPLE; i++)
      expect(
        connector.sent.filter((s) => s.conversation === `a:conv-${i}`),
        `person ${i}`,
      ).toHaveLength(1);
    expect(connector.sent).toHaveLength(PEOPLE);
    expect(r.states).toEqual({ sent: PEOPLE });
  });
});
