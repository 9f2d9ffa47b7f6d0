// A server process for the Slack crash tests: the real server and Slack adapter on the database named in
// argv, against the Slack stand-in, ticking a manual clock (1 s a tick, so Slack's 5-a-second pace costs
// no wall time) until killed or done. At message `at` it stops where the test says (see kill points below)
// and says so on stdout, for the parent to SIGKILL it right there.
import { writeSync } from "node:fs";
import { slackAdapter } from "../../adapters/slack";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/log";
import { ManualClock } from "../../src/core/clock";
import { outbox } from "../../src/db/schema";
import type { Outbound, Sender } from "../../src/jobs/sender";
import type { AdapterFactory } from "../../src/server/adapter";
import { type RunningServer, startServer } from "../../src/server/start";
import type { KillPoint } from "../helpers/slack-crash";

const [dbPath, apiUrl, point, atText, startMs] = process.argv.slice(2) as [string, string, KillPoint, string, string];
const at = Number(atText);
const clock = new ManualClock(new Date(Number(startMs)));
let running: RunningServer | null = null;

/** Holds the process inside an open write transaction: the parent's SIGKILL ends it. */
function dieInsideTransaction(): void {
  running!.database.db.transaction((tx) => {
    // Records every row as sent, as a batch writer would; none of it may survive the kill.
    tx.update(outbox).set({ state: "sent", platformMessageId: "uncommitted" }).run();
    writeSync(1, "in-transaction\n");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      // Spin: a synchronous transaction cannot wait any other way. Past the deadline the parent is gone.
    }
    process.exit(3);
  });
}

const hooked: AdapterFactory = (ctx) => {
  const adapter = slackAdapter(ctx);
  const real = adapter.senders!.slack!;
  let calls = 0;
  const sender: Sender = {
    platform: real.platform,
    limits: real.limits,
    ...(real.identify ? { identify: (r) => real.identify!(r) } : {}),
    ...(real.findSent ? { findSent: (m) => real.findSent!(m) } : {}),
    send: async (m: Outbound) => {
      calls++;
      if (point === "before-send" && calls === at) {
        writeSync(1, "claimed\n");
        return new Promise(() => undefined);
      }
      const result = await real.send(m);
      if (point === "in-transaction" && calls === at) dieInsideTransaction();
      return result;
    },
  };
  return { ...adapter, senders: { slack: sender } };
};

const env = {
  PORT: "0",
  DATABASE_PATH: dbPath,
  SLACK_BOT_TOKEN: "xoxb-crash-test",
  SLACK_SIGNING_SECRET: "crash-test-secret",
  SLACK_API_URL: apiUrl,
};
running = await startServer(
  loadConfig(env),
  createLogger("silent", new Writable({ write: (_c, _e, done) => done() })),
  clock,
  { adapters: [hooked], tick: null },
);
for (let idle = 0; idle < 3; ) {
  const { outbox: stats } = await running.scheduler.tick();
  idle = stats.sent === 0 && stats.retried === 0 ? idle + 1 : 0;
  clock.advance(1000);
}
await running.stop();
