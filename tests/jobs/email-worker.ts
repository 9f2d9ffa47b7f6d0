// A server process for the e-mail crash test: the real server with the e-mail adapter on the database
// named in argv, ticking until killed or until nothing is left to send.
import { Writable } from "node:stream";
import { emailAdapter } from "../../adapters/email";
import { loadConfig } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { createLogger } from "../../src/log";
import { startServer } from "../../src/server/start";

const [dbPath, smtpUrl] = process.argv.slice(2) as [string, string];
const env = { PORT: "0", DATABASE_PATH: dbPath, SMTP_URL: smtpUrl, MAIL_FROM: "Pulsen <pulsen@org.example>" };
const logger = createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));
const running = await startServer(loadConfig({ ...env, SMTP_RATE_PER_MINUTE: "100000" }), logger, systemClock, {
  adapters: [emailAdapter],
  tick: null,
});
process.stdout.write("ready\n");
for (;;) {
  const { outbox } = await running.scheduler.tick();
  if (outbox.sent === 0 && outbox.retried === 0 && outbox.deferred === 0) break;
}
await running.stop();
