import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { outbox } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { SlackStandIn } from "../helpers/slack-standin";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

// Twenty simulated seconds at five a second: enough to fill the buckets many times over.
const PEOPLE = 100;
let running: RunningServer | null = null;
let standIn: SlackStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  await standIn?.stop();
});

describe("a round through Slack at its limits (the 5,000-person run is in npm run bench)", () => {
  it("is delivered within Slack's global and per-channel limits, none lost, none twice", async () => {
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    // Slack answers 429 beyond 6 messages a second overall or one a second per channel.
    standIn = new SlackStandIn(() => clock.now().getTime());
    standIn.enforcePerChannel = true;
    standIn.globalPerSecond = 6;
    await standIn.start();
    const path = `${tempDir()}/pulsen.db`;
    const setup = openDatabase(path);
    storeBuiltins(setup.db, builtinInstruments(), clock);
    const users = Array.from({ length: PEOPLE }, (_, i) => `U${String(i).padStart(7, "0")}`);
    importOrgCsv(
      setup.db,
      new TextEncoder().encode(
        csv(users.map((u, i) => `p${i}@fjord.example,P ${i},Fjord AS > Enhet ${i % 40},,,${u},,,`)),
      ),
      { dryRun: false, clock },
    );
    for (const u of users) standIn.users.add(u);
    // And Slack has a bad minute now and then.
    standIn.failNext(
      "chat.postMessage",
      { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": "5" } },
      { status: 503, body: { ok: false, error: "service_unavailable" } },
    );
    const { id } = createSeries(
      setup.db,
      {
        name: "Puls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 7,
        reminderDays: [3],
        window: { ...ALWAYS },
      },
      clock.now(),
    );
    setup.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }),
    );
    setup.close();
    running = await startServer(
      loadConfig({
        PORT: "0",
        DATABASE_PATH: path,
        SLACK_BOT_TOKEN: "xoxb-t",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: standIn.url,
      }),
      silentLogger(),
      clock,
      {
        adapters: [slackAdapter],
        tick: null,
      },
    );

    // A tick a second, as the server's node-cron would; time jumps ahead when nothing is due.
    const pending = () =>
      running!.database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.state, "pending")).all().length;
    for (let pass = 0; pass < 1000 && (pass === 0 || pending() > 0); pass++) {
      await running.scheduler.tick();
      clock.advance(1000);
    }

    const posted = standIn.messages.map((m) => m.metadata?.event_payload.key as string);
    expect(posted).toHaveLength(PEOPLE);
    expect(new Set(posted).size).toBe(PEOPLE);
    expect(new Set(standIn.messages.map((m) => m.channel)).size).toBe(PEOPLE);
    const states = running.database.db.select({ state: outbox.state }).from(outbox).all();
    expect(states.every((s) => s.state === "sent")).toBe(true);
    // Pulsen paced itself: only the two scripted failures were refused, no 429 storm.
    expect(standIn.calls.filter((c) => c.method === "chat.postMessage").length).toBe(PEOPLE + 2);
    // At five a second: a little over PEOPLE / 5 simulated seconds.
    expect(clock.now().getTime() - Date.parse("2026-11-24T09:00:00Z")).toBeGreaterThanOrEqual((PEOPLE / 5 - 1) * 1000);
  });
});
