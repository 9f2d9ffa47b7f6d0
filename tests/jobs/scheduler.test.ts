import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { loadConfig } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
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
    const path = `${tempDir()}/pulsen.db`;
    const setup = openDatabase(path);
    storeBuiltins(setup.db, builtinInstruments(), systemClock);
    const users = Array.from({ length: PEOPLE }, (_, i) => `U${String(i).padStart(7, "0")}`);
    for (const u of users) slack.users.add(u);
    const roster = csv(users.map((u, i) => `p${i}@org.example,P ${i},Org,,,${u},,,`));
    importOrgCsv(setup.db, new TextEncoder().encode(roster), { dryRun: false, clock: systemClock });
    const base = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *" };
    const { id } = createSeries(
      setup.db,
      { ...base, openDays: 7, reminderDays: [3], window: { ...ALWAYS } },
      new Date(),
    );
    setup.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, new Date(), { platforms: new Set(["slack"]) }));
    setup.close();

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
