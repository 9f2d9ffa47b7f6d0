import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { smsAdapter } from "../../adapters/sms";
import { LinkService } from "../../src/bot/link-service";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { LinkStore } from "../../src/db/link-store";
import { openDatabase } from "../../src/db/open";
import { outbox } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { createLogger } from "../../src/log";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { HEADER } from "./csv";
import { tempDir } from "./tmp";
import { migratedFile } from "./db";

export const PUBLIC_URL = "https://pulsen.seljord.example";

/** People reached by SMS only (no chat id, no e-mail configured), one per language, and one HR can't reach. */
export const SMS_PEOPLE = [
  { email: "kari@seljord.example", locale: "nb", phone: "+4791000001" },
  { email: "ola@seljord.example", locale: "nn", phone: "+4791000002" },
  { email: "per@seljord.example", locale: "en", phone: "+4791000003" },
  { email: "siv@seljord.example", locale: "nb", phone: "+4791000004" },
] as const;

const ORG_CSV = [
  `${HEADER},phone,channel`,
  ...SMS_PEOPLE.map((p, i) => `${p.email},Person ${i},Seljord kommune > Helse,,,,,${p.locale},,${p.phone},`),
  "hr@seljord.example,Hanne HR,Seljord kommune,,hr,,,,,,",
].join("\n");

export interface SmsWorld {
  running: RunningServer;
  clock: ManualClock;
  roundId: string;
  links: LinkService;
  /** Every log line the server wrote. */
  logs: () => string;
  /** Ticks a second at a time, as the server's node-cron would, until nothing is pending (or `passes`). */
  drain(passes?: number): Promise<void>;
  pending(): number;
}

/** A real server on a real SQLite file with the SMS adapter and a round opened for the people above. */
export async function smsWorld(env: Record<string, string>): Promise<SmsWorld> {
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const path = `${tempDir()}/pulsen.db`;
  const setup = openDatabase(migratedFile(path));
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(setup.db, new TextEncoder().encode(ORG_CSV), { dryRun: false, clock });
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
  const roundId = setup.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["sms"]) }),
  );
  setup.close();
  let logged = "";
  const logger = createLogger(
    "debug",
    new Writable({
      write: (chunk: Buffer, _e, done) => {
        logged += chunk.toString();
        done();
      },
    }),
  );
  const config = loadConfig({ PORT: "0", DATABASE_PATH: path, PUBLIC_URL, ...env });
  const running = await startServer(config, logger, clock, { adapters: [smsAdapter], tick: null });
  const db = running.database.db;
  const pending = () => db.select({ id: outbox.id }).from(outbox).where(eq(outbox.state, "pending")).all().length;
  return {
    running,
    clock,
    roundId,
    links: new LinkService(db, new LinkStore(db, clock), clock, PUBLIC_URL),
    logs: () => logged,
    pending,
    drain: async (passes = 300) => {
      for (let pass = 0; pass < passes && (pass === 0 || pending() > 0); pass++) {
        await running.scheduler.tick();
        clock.advance(1000);
      }
    },
  };
}
