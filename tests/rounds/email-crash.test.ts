import { roundOnFile } from "../helpers/round-on-file";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailAdapter } from "../../adapters/email";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { outbox } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { SmtpStandIn } from "../helpers/smtp-standin";
import { silentLogger } from "../helpers/world";
import { workerArgs } from "../helpers/worker";

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
    const now = new Date();
    const emails = Array.from({ length: PEOPLE }, (_, i) => `p${i}@org.example`);
    const roster = csv(emails.map((e, i) => `${e},P ${i},Org > Enhet ${i % 3},,,,,,`));
    const { path } = roundOnFile({ roster, platforms: new Set(["email"]), now });

    smtp = new SmtpStandIn();
    await smtp.start();
    const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    // The worker dies while the SMTP server holds message 15: the content has arrived, the 250 never goes out.
    smtp.hangAt = KILL_AT;
    const worker = spawn(process.execPath, [...workerArgs("email-worker"), path, smtpUrl], {
      stdio: "pipe",
    });
    smtp.onHang = () => worker.kill("SIGKILL");
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_c, s) => resolve(s)));
    expect(signal).toBe("SIGKILL");
    expect(smtp.messages).toHaveLength(KILL_AT - 1);
    const file = new Database(path);
    expect(file.pragma("integrity_check", { simple: true })).toBe("ok");
    file.close();

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
