/**
 * The server for bench/fanout.ts, in its own process as in production: the real server with one platform's
 * adapter on the database named in argv, its senders paced `speed` times faster (as the stand-in's limits
 * are), ticking once an hour so that only the wake-up on new rows can start the fan-out. Stops on SIGTERM.
 */
import { Writable } from "node:stream";
import { emailAdapter } from "../adapters/email";
import { slackAdapter } from "../adapters/slack";
import { teamsAdapter } from "../adapters/teams";
import { loadConfig } from "../src/config";
import { systemClock } from "../src/core/clock";
import type { Platform, Sender } from "../src/jobs/sender";
import { createLogger } from "../src/log";
import type { AdapterFactory } from "../src/server/adapter";
import { startServer } from "../src/server/start";

/** A sender paced `speed` times faster; everything else is the real sender. */
function faster(factory: AdapterFactory, speed: number): AdapterFactory {
  return (ctx) => {
    const made = factory(ctx);
    const senders: Partial<Record<Platform, Sender>> = {};
    for (const [p, s] of Object.entries(made.senders ?? {}) as [Platform, Sender][]) {
      const scale = (specs: Sender["limits"]["platform"]) =>
        specs.map((b) => ({ capacity: b.capacity, perMs: b.perMs / speed }));
      senders[p] = {
        platform: s.platform,
        limits: { platform: scale(s.limits.platform), conversation: scale(s.limits.conversation) },
        concurrency: s.concurrency,
        send: (m) => s.send(m),
        identify: s.identify ? (r) => s.identify!(r) : undefined,
        findSent: s.findSent ? (m) => s.findSent!(m) : undefined,
      };
    }
    return { ...made, senders };
  };
}

const adapters: Record<string, AdapterFactory> = { slack: slackAdapter, teams: teamsAdapter, email: emailAdapter };
const [name, path, envJson, speed] = process.argv.slice(2) as [string, string, string, string];
const env = { PORT: "0", DATABASE_PATH: path, ...(JSON.parse(envJson) as Record<string, string>) };
const logger = createLogger("warn", new Writable({ write: (c, _e, done) => done(void process.stderr.write(c)) }));
const running = await startServer(loadConfig(env), logger, systemClock, {
  adapters: [faster(adapters[name]!, Number(speed))],
  tick: "0 0 * * * *",
});
process.once("SIGTERM", () => void running.stop().then(() => process.exit(0)));
process.stdout.write("ready\n");
