import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { roundOnFile } from "../helpers/round-on-file";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { loadConfig } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";
import { organizations } from "../../src/db/schema";
import { enqueueMessage } from "../../src/jobs/outbox-queue";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { FakeSender } from "../helpers/fake-sender";
import { tempDir } from "../helpers/tmp";

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

  it("starts sending within a moment of another process opening a round, with no tick to wait for", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    const env = { cwd: dir, databasePath: join(dir, "pulsen.db"), clock: systemClock };
    const sender = new FakeSender(systemClock);
    // Ticking once an hour: whatever goes out below was woken by the new rows themselves.
    running = await startServer(
      loadConfig({ PORT: "0", DATABASE_PATH: env.databasePath }),
      silentLogger(),
      systemClock,
      {
        senders: { webchat: sender },
        tick: "0 0 * * * *",
      },
    );
    await pulsen(["org", "import", "org.csv"], env);
    // With no chat configured the fake is the web chat, which reaches only the demo organization (rule 9).
    running.database.db.update(organizations).set({ demo: true }).run();
    const args = ["--instrument", "quick-pulse", "--audience", "all", "--cadence", "0 9 * * 1", "--open-days", "5"];
    const quiet = ["--reminders", "2", "--quiet-hours", "none", "--all-days", "--json"];
    const created = await pulsen(["series", "create", "--name", "Puls", ...args, ...quiet], env);
    const { id } = created.json() as { id: string };
    // The CLI's own connection commits the round: the server learns of it only from the database.
    expect((await pulsen(["round", "open", id], env)).code).toBe(0);
    const opened = Date.now();
    await expect.poll(() => sender.deliveries.length, { timeout: 3000, interval: 20 }).toBe(5);
    expect(sender.deliveries.map((d) => d.kind)).toEqual(["invite", "invite", "invite", "invite", "invite"]);
    expect(Math.max(...sender.deliveries.map((d) => d.at.getTime())) - opened).toBeLessThan(2000);

    // A row this process writes itself goes out as promptly (to a channel: no send window applies).
    const notice = { key: "notice-1", platform: "webchat" as const, channel: "C-HR", notBefore: new Date() };
    enqueueMessage(running.database.db, { ...notice, intent: { kind: "notice", text: "hei" } }, new Date());
    const queued = Date.now();
    await expect.poll(() => sender.deliveries.length, { timeout: 3000, interval: 20 }).toBe(6);
    expect(sender.deliveries[5]!.at.getTime() - queued).toBeLessThan(2000);
  });
});
