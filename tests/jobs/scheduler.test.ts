import { roundOnFile } from "../helpers/round-on-file";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { loadConfig } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";

const PEOPLE = 15;
let running: RunningServer | null = null;
let slack: SlackStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  await slack?.stop();
});

describe("the running scheduler", () => {
  it("sends a whole fan-out as Slack's limits allow, without waiting for the next tick", async () => {
    slack = new SlackStandIn();
    slack.globalPerSecond = 6;
    await slack.start();
    const users = Array.from({ length: PEOPLE }, (_, i) => `U${String(i).padStart(7, "0")}`);
    for (const u of users) slack.users.add(u);
    const roster = csv(users.map((u, i) => `p${i}@org.example,P ${i},Org,,,${u},,,`));
    const { path } = roundOnFile({ roster, platforms: new Set(["slack"]), now: new Date() });

    const env = { PORT: "0", DATABASE_PATH: path, SLACK_BOT_TOKEN: "xoxb-t", SLACK_SIGNING_SECRET: "s" };
    // The real scheduler, ticking only once an hour: the first tick sends Slack's first bucket of five, and
    // everything after that must come from the outbox draining on by itself, five a second.
    running = await startServer(loadConfig({ ...env, SLACK_API_URL: slack.url }), silentLogger(), systemClock, {
      adapters: [slackAdapter],
      tick: "0 0 * * * *",
    });
    await expect.poll(() => slack!.messages.length, { timeout: 15_000, interval: 50 }).toBe(PEOPLE);
    expect(new Set(slack.messages.map((m) => m.channel)).size).toBe(PEOPLE);
  });
});
