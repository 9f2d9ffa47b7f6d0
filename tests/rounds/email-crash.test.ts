import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailAdapter } from "../../adapters/email";
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
import { SmtpStandIn } from "../helpers/smtp-standin";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

const PEOPLE = 30;
const KILL_AT = 15;
let smtp: SmtpStandIn | null = null;
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  await smtp?.stop();
});

describe("e-mail invitations", () => {
  it("survive the server being killed while SMTP takes message 15 of 30: everyone gets exactly one", async () => {
    const path = `${tempDir()}/pulsen.db`;
    const now = new Date();
    const setup = openDatabase(path);
    storeBuiltins(setup.db, builtinInstruments(), { now: () => now });
    const emails = Array.from({ length: PEOPLE }, (_, i) => `p${i}@org.example`);
    const roster = csv(emails.map((e, i) => `${e},P ${i},Org > Enhet ${i % 3},,,,,,`));
    importOrgCsv(setup.db, new TextEncoder().encode(roster), { dryRun: false, clock: { now: () => now } });
    const window = { ...ALWAYS };
    const base = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 * * 1" };
    const { id } = createSeries(setup.db, { ...base, openDays: 7, reminderDays: [3], window }, now);
    setup.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, now, { platforms: new Set(["email"]) }));
    setup.close();

    smtp = new SmtpStandIn();
    await smtp.start();
    const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    // The worker dies while the SMTP server holds message 15: the content has arrived, the 250 never goes out.
    smtp.hangAt = KILL_AT;
    const worker = spawn(process.execPath, ["--import", "tsx", "tests/jobs/email-worker.ts", path, smtpUrl], {
      stdio: "pipe",
    });
    smtp.onHang = () => worker.kill("SIGKILL");
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_c, s) => resolve(s)));
    expect(signal).toBe("SIGKILL");
    expect(smtp.messages).toHaveLength(KILL_AT - 1);

    // Restart on the same file a few minutes later, with nothing in memory, and drain to the end.
    smtp.hangAt = null;
    const clock = new ManualClock(new Date(now.getTime() + 5 * 60_000));
    const env = { PORT: "0", DATABASE_PATH: path, SMTP_URL: smtpUrl, MAIL_FROM: "Pulsen <pulsen@org.example>" };
    running = await startServer(loadConfig({ ...env, SMTP_RATE_PER_MINUTE: "100000" }), silentLogger(), clock, {
      adapters: [emailAdapter],
      tick: null,
    });
    for (let i = 0; i < 20; i++) {
      await running.scheduler.tick();
      clock.advance(10_000);
    }
    expect(smtp.messages).toHaveLength(PEOPLE);
    for (const e of emails) expect(smtp.to(e)).toHaveLength(1);
    const states = running.database.db.select({ state: outbox.state }).from(outbox).where(eq(outbox.state, "sent"));
    expect(states.all()).toHaveLength(PEOPLE);
  });
});
