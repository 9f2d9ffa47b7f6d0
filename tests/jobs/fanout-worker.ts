// A scheduler process for the crash test: drains the outbox of the database
// named in argv against the chat stand-in, until killed or done.
import { Writable } from "node:stream";
import { systemClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { createLogger } from "../../src/log";
import { HttpSender } from "../helpers/http-sender";

const [dbPath, base] = process.argv.slice(2) as [string, string];
const { db } = openDatabase(dbPath);
const logger = createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));
const drainer = new OutboxDrainer(db, systemClock, { webchat: new HttpSender(base) }, logger, { batch: 50 });
process.stdout.write("ready\n");
for (;;) {
  const stats = await drainer.drainOnce();
  if (stats.sent === 0 && stats.retried === 0) break;
}
