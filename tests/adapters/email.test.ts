import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailAdapter } from "../../adapters/email";
import { LinkService } from "../../src/bot/link-service";
import { enabledPlatforms, loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { LinkStore } from "../../src/db/link-store";
import { openDatabase } from "../../src/db/open";
import { invitations, outbox, people, surveyLinks } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { outboxKey } from "../../src/jobs/keys";
import { importOrgCsv } from "../../src/org/import";
import { fixFor } from "../../src/rounds/reach";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { unreachable } from "../../src/rounds/status";
import { type RunningServer, startServer } from "../../src/server/start";
import { answerAs } from "../helpers/answering";
import { csv } from "../helpers/csv";
import { SmtpStandIn } from "../helpers/smtp-standin";
import { tempDir } from "../helpers/tmp";
import { capturedLogger } from "../helpers/log-lines";

const PUBLIC_URL = "https://pulsen.fjord.example";
const LINK = new RegExp(`${PUBLIC_URL.replace(/[.]/g, "\\.")}/l/[A-Za-z0-9_-]{43}`, "g");
const UNIT = "Fjord kommune > Barnehagen";
// Nobody has a Slack or Teams id: with SMTP set up, every one of them is reached by e-mail.
const ORG = [
  `leder@fjord.example,Lena Leder,${UNIT},${UNIT},hr,,,nb,Europe/Oslo`,
  `kari@fjord.example,Kari Nordmann,${UNIT},,,,,nb,Europe/Oslo`,
  `ola@fjord.example,Ola Bråten,${UNIT},,,,,nn,`,
  `per@fjord.example,Per Ødegård,${UNIT},,,,,en,`,
  `siv@fjord.example,Siv Løvås,${UNIT},,,,,nb,`,
  `aase@fjord.example,Åse Sæther,${UNIT},,,,,nb,`,
];

let running: RunningServer | null = null;
let smtp: SmtpStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await smtp?.stop();
  smtp = null;
});

async function setUp(o: { rows?: string[]; env?: Record<string, string>; before?: (s: SmtpStandIn) => void } = {}) {
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  smtp = new SmtpStandIn();
  await smtp.start();
  o.before?.(smtp);
  const path = `${tempDir()}/pulsen.db`;
  const setup = openDatabase(path);
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(setup.db, new TextEncoder().encode(csv(o.rows ?? ORG)), { dryRun: false, clock });
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: path,
    PUBLIC_URL,
    SMTP_URL: smtp.url,
    MAIL_FROM: "HR i Fjord <pulsen@fjord.example>",
    ...o.env,
  });
  const { id } = createSeries(
    setup.db,
    {
      name: "Trivsel",
      instrumentId: "quick-pulse",
      audience: "all",
      // Once a year: no second round opens while a test runs past the close.
      cadence: "0 9 1 6 *",
      openDays: 7,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const platforms = enabledPlatforms(config);
  const roundId = setup.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, clock.now(), { platforms }));
  setup.close();
  const { lines, logger } = capturedLogger("debug");
  running = await startServer(config, logger, clock, { adapters: [emailAdapter], tick: null });
  const db = running.database.db;
  const personId = (email: string) => db.select().from(people).where(eq(people.email, email)).get()!.id;
  const row = (email: string) =>
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.key, outboxKey({ kind: "invite", roundId, personId: personId(email) }))))
      .get()!;
  return { clock, roundId, db, lines, personId, row, running, smtp };
}

describe("invitations by e-mail, through a real SMTP server", () => {
  it("reaches the right address in the person's language, with one personal link stored only hashed", async () => {
    const w = await setUp();
    await w.running.scheduler.tick();

    expect(w.smtp.messages).toHaveLength(ORG.length);
    const [mail, ...more] = w.smtp.to("kari@fjord.example");
    expect(more).toEqual([]);
    expect(mail!.envelope.from).toBe("pulsen@fjord.example");
    expect(mail!.from).toBe("HR i Fjord <pulsen@fjord.example>");
    expect(mail!.to).toBe("kari@fjord.example");
    expect(mail!.subject).toBe("Ny pulsmåling: Trivsel");
    expect(mail!.headers.get("auto-submitted")).toBe("auto-generated");
    const key = outboxKey({ kind: "invite", roundId: w.roundId, personId: w.personId("kari@fjord.example") });
    expect(mail!.messageId).toBe(`<${createHash("sha256").update(key).digest("hex")}@fjord.example>`);
    expect(w.row("kari@fjord.example").platformMessageId).toBe(mail!.messageId);

    const text = mail!.text!;
    const html = mail!.html!;
    // Why, how long, anonymous, the deadline (in Oslo's time), that the link is personal, who sent it.
    for (const part of [text, html]) {
      expect(part).toContain("Svarene brukes av enheten din");
      expect(part).toMatch(/omtrent \d+ min/);
      expect(part).toContain("Svarene dine er anonyme");
      expect(part).toContain("Åpen til tirsdag 1. desember kl. 10:00");
      expect(part).toContain("Lenken er personlig");
      expect(part).toContain("Hilsen HR i Fjord");
    }
    expect(html).toContain('<html lang="nb">');
    // One link: one <a> in the HTML, the same address in the text, a 43-character token.
    const links = text.match(LINK) ?? [];
    expect(links).toHaveLength(1);
    const link = links[0]!;
    expect([...html.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => m[1])).toEqual([link]);
    expect(text).toContain(`Start: ${link}`);
    expect(html).not.toContain("Påminn meg i morgen"); // needs a chat to tap in

    // The token is kept only as its hash; the link opens Kari's survey in this round.
    const token = link.split("/l/")[1]!;
    const stored = JSON.stringify(w.db.select().from(surveyLinks).all());
    expect(w.db.select().from(surveyLinks).all()).toHaveLength(ORG.length);
    expect(stored).not.toContain(token);
    const links2 = new LinkService(w.db, new LinkStore(w.db, w.clock), w.clock, PUBLIC_URL);
    const view = links2.open(token);
    expect(view).toMatchObject({ kind: "open", personId: w.personId("kari@fjord.example"), roundId: w.roundId });

    // Nynorsk and English for those who read them.
    expect(w.smtp.to("ola@fjord.example")[0]!.subject).toBe("Ny pulsmåling: Trivsel");
    expect(w.smtp.to("ola@fjord.example")[0]!.html).toContain('<html lang="nn">');
    expect(w.smtp.to("per@fjord.example")[0]!.subject).toBe("New pulse survey: Trivsel");
    expect(w.smtp.to("per@fjord.example")[0]!.text).toContain("This link is personal");
    // No log line carries a link or a token.
    expect(w.lines.join("")).not.toMatch(/\/l\/|[A-Za-z0-9_-]{43}/);
  });

  it("retries a 451 through the outbox and delivers later; a 550 makes the invitation undeliverable", async () => {
    const w = await setUp({
      before: (s) => {
        s.refuse("ola@fjord.example", 451, "4.7.1 Greylisted, try again later", 1);
        s.refuse("per@fjord.example", 550, "5.1.1 Mailbox unavailable");
      },
    });
    await w.running.scheduler.tick();
    expect(w.smtp.to("ola@fjord.example")).toEqual([]);
    expect(w.row("ola@fjord.example")).toMatchObject({ state: "pending", attempts: 1 });
    expect(w.row("ola@fjord.example").reason).toBe("email: 451 4.7.1 Greylisted, try again later");
    expect(w.row("per@fjord.example")).toMatchObject({
      state: "undeliverable",
      reason: "email: 550 5.1.1 Mailbox unavailable",
    });

    // The outbox's back-off (about 30 s after a first failure), then the server takes it.
    w.clock.advance(60_000);
    await w.running.scheduler.tick();
    expect(w.smtp.to("ola@fjord.example")).toHaveLength(1);
    expect(w.row("ola@fjord.example").state).toBe("sent");
    expect(w.smtp.rcpts.filter((r) => r.address === "ola@fjord.example").map((r) => r.code)).toEqual([451, 250]);
    // Per is never tried again.
    expect(w.smtp.rcpts.filter((r) => r.address === "per@fjord.example")).toHaveLength(1);

    // HR sees who bounced and why, and is told to check the address.
    const gone = unreachable(w.db, w.roundId);
    const reason = "email: 550 5.1.1 Mailbox unavailable";
    expect(gone).toEqual([{ email: "per@fjord.example", name: "Per Ødegård", unit: UNIT, reason }]);
    expect(fixFor(gone[0]!.reason)).toBe("check_address");
    const inv = w.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, w.personId("ola@fjord.example")))
      .get();
    expect(inv?.undeliverable).toBeNull();
    expect(w.lines.join("")).not.toMatch(/\/l\/|[A-Za-z0-9_-]{43}/);
  });

  it("paces the SMTP server at SMTP_RATE_PER_MINUTE", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `p${i}@fjord.example,P ${i},${UNIT},,,,,nb,`);
    const w = await setUp({ rows, env: { SMTP_RATE_PER_MINUTE: "6" } });
    const start = w.clock.now().getTime();
    // A tick every five seconds, as the server's scheduler does, for one minute.
    await w.running.scheduler.tick();
    expect(w.smtp.messages).toHaveLength(1);
    while (w.clock.now().getTime() - start < 55_000) {
      w.clock.advance(5_000);
      await w.running.scheduler.tick();
    }
    // Six a minute, and at most one bucket (ten seconds' worth) on top.
    expect(w.smtp.messages.length).toBeGreaterThanOrEqual(6);
    expect(w.smtp.messages.length).toBeLessThanOrEqual(7);
    for (let i = 0; i < 60 && w.smtp.messages.length < rows.length; i++) {
      w.clock.advance(5_000);
      await w.running.scheduler.tick();
    }
    expect(w.smtp.messages).toHaveLength(rows.length);
    expect(new Set(w.smtp.messages.map((m) => m.envelope.to[0])).size).toBe(rows.length);
    // Twenty at six a minute: a little over three minutes.
    expect(w.clock.now().getTime() - start).toBeGreaterThanOrEqual(170_000);
  });

  it("reminds only who has not answered, never says an answer, and sends no close notice by e-mail", async () => {
    const w = await setUp();
    await w.running.scheduler.tick();
    const secret = "Kommentar som aldri skal stå i en e-post";
    for (const email of ["kari@fjord.example", "ola@fjord.example"]) {
      answerAs(w.running.bot, w.clock, w.personId(email), w.roundId, {
        statements: 20,
        value: () => 2,
        send: true,
        comment: secret,
      });
    }
    // Past the reminder (day 3) and the close (day 7), ticking as the server would.
    for (let day = 0; day < 8 * 24; day++) {
      w.clock.advance(3_600_000);
      await w.running.scheduler.tick();
    }
    const reminders = w.smtp.messages.filter((m) => /Påminnelse|Reminder|Påminning/.test(m.subject));
    expect(reminders.map((m) => m.envelope.to[0]).sort()).toEqual([
      "aase@fjord.example",
      "leder@fjord.example",
      "per@fjord.example",
      "siv@fjord.example",
    ]);
    // A reminder has its own new link, and after the close every link says so.
    const links2 = new LinkService(w.db, new LinkStore(w.db, w.clock), w.clock, PUBLIC_URL);
    const reminderLink = reminders[0]!.text!.match(LINK)![0]!;
    expect(links2.open(reminderLink.split("/l/")[1]!).kind).toBe("closed");
    // The close rewrote chat messages in place; an e-mail cannot be, and none was sent for it.
    const closedRows = w.db
      .select()
      .from(outbox)
      .all()
      .filter((r) => r.key.endsWith(":closed"));
    expect(closedRows.length).toBeGreaterThan(0);
    expect(closedRows.every((r) => r.state === "sent")).toBe(true);
    // The leader's digest came by e-mail (too few answered: no figures), without the chat's buttons.
    const digest = w.smtp.to("leder@fjord.example").find((m) => m.subject.startsWith("Resultater"));
    expect(digest).toBeDefined();
    // To the leader besides: the halfway nudge, the digest and (as HR) the organization's summary. Nothing else.
    expect(w.smtp.to("leder@fjord.example").map((m) => m.subject)).toEqual([
      "Ny pulsmåling: Trivsel",
      "Påminnelse: Trivsel",
      "Halvveis: Trivsel",
      `Resultater: Trivsel – ${UNIT}`,
      "Resultater for hele virksomheten: Trivsel",
    ]);
    expect(w.smtp.messages).toHaveLength(ORG.length + reminders.length + 3);
    // The plan's link is kept; the nudge and digest carry no personal link.
    expect(digest!.html).toContain(`href="${PUBLIC_URL}/?round=`);
    expect(digest!.text).not.toMatch(LINK);
    for (const m of w.smtp.messages) expect(m.raw).not.toContain(secret);
    const logs = w.lines.join("");
    expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/"v":|"value"|"answers"|\/l\/[A-Za-z0-9_-]/);
  });
});
