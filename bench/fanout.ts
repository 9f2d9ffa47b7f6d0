import { eq } from "drizzle-orm";
import { slackAdapter } from "../adapters/slack";
import { loadConfig } from "../src/config";
import { ManualClock } from "../src/core/clock";
import { ALWAYS } from "../src/core/quiet-hours";
import { storeBuiltins } from "../src/db/instrument-store";
import { openDatabase } from "../src/db/open";
import { outbox } from "../src/db/schema";
import { builtinInstruments } from "../src/instruments/catalog";
import { importOrgCsv } from "../src/org/import";
import { openRound } from "../src/rounds/open";
import { createSeries, getSeries } from "../src/rounds/series";
import { createLogger } from "../src/log";
import { startServer } from "../src/server/start";
import { csv } from "../tests/helpers/csv";
import { SlackStandIn } from "../tests/helpers/slack-standin";

/**
 * A 5,000-person round's invitations through the real Slack adapter against
 * the Web API stand-in, which answers 429 beyond six messages a second overall
 * or one a second per channel. Simulated time; the figures say how long the
 * platform's limits make it take and what one send costs here.
 */
export async function benchFanout(
  dir: string,
  figure: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const people = 5000;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const standIn = new SlackStandIn(() => clock.now().getTime());
  standIn.enforcePerChannel = true;
  standIn.globalPerSecond = 6;
  await standIn.start();
  const path = `${dir}/fanout.db`;
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  const users = Array.from({ length: people }, (_, i) => `U${String(i).padStart(7, "0")}`);
  const rows = users.map((u, i) => `p${i}@fjord.example,P ${i},Fjord AS > Enhet ${i % 40},,,${u},,,`);
  importOrgCsv(setup.db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  for (const u of users) standIn.users.add(u);
  const series = {
    name: "Puls",
    instrumentId: "quick-pulse",
    audience: "all",
    cadence: "0 9 1 * *",
    openDays: 7,
    reminderDays: [3],
    window: { ...ALWAYS },
  };
  const { id } = createSeries(setup.db, series, clock.now());
  setup.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["slack"]) }));
  setup.close();
  const env = {
    PORT: "0",
    DATABASE_PATH: path,
    SLACK_BOT_TOKEN: "xoxb-t",
    SLACK_SIGNING_SECRET: "s",
    SLACK_API_URL: standIn.url,
  };
  const running = await startServer(loadConfig(env), createLogger("silent"), clock, {
    adapters: [slackAdapter],
    tick: null,
  });
  try {
    const pending = () =>
      running.database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.state, "pending")).all().length;
    const began = performance.now();
    for (let pass = 0; pass < 3000 && (pass === 0 || pending() > 0); pass++) {
      await running.scheduler.tick();
      clock.advance(1000);
    }
    const real = (performance.now() - began) / 1000;
    const posted = new Set(standIn.messages.map((m) => m.metadata?.event_payload.key as string)).size;
    const calls = standIn.calls.filter((c) => c.method === "chat.postMessage").length;
    figure("fanout.slack_5000_delivered", posted, "messages");
    figure("fanout.slack_5000_calls_per_message", calls / posted, "calls");
    figure("fanout.slack_5000_simulated_s", (clock.now().getTime() - Date.parse("2026-11-24T09:00:00Z")) / 1000, "s");
    figure("fanout.slack_5000_real_ms_per_message", (real * 1000) / posted, "ms");
  } finally {
    await running.stop();
    await standIn.stop();
  }
}
