import { roundOnFile } from "../helpers/round-on-file";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emailAdapter } from "../../adapters/email";
import { slackAdapter } from "../../adapters/slack";
import { smsAdapter } from "../../adapters/sms";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { outbox, responses } from "../../src/db/schema";
import { roundReports } from "../../src/reports/report";
import { reachedByChannel, unreachable } from "../../src/rounds/status";
import { type RunningServer, startServer } from "../../src/server/start";
import { launchBrowser } from "../helpers/browser";
import { LinkVisitor } from "../helpers/link-client";
import { HEADER } from "../helpers/csv";
import { SlackStandIn } from "../helpers/slack-standin";
import { type SmsStandIn, startSmsStandIn } from "../helpers/sms-standin";
import { SmtpStandIn } from "../helpers/smtp-standin";
import { silentLogger } from "../helpers/world";

const TEN = Array.from({ length: 10 }, (_, i) => i);
const SLACK = TEN.map((i) => ({ email: `s${i}@org.example`, user: `U${String(i).padStart(8, "0")}` }));
const EMAIL = TEN.map((i) => ({ email: `e${i}@org.example` }));
const SMS = TEN.map((i) => ({ email: `m${i}@org.example`, phone: `+479000000${i}` }));
const PUBLIC_URL = "https://pulsen.org.example";
const LINK = /https:\/\/pulsen\.org\.example\/l\/([A-Za-z0-9_-]{43})/;

let browser: Browser;
let running: RunningServer | null = null;
let slack: SlackStandIn | null = null;
let smtp: SmtpStandIn | null = null;
let sms: SmsStandIn | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await running?.stop();
  await Promise.all([slack?.stop(), smtp?.stop(), sms?.stop()]);
});

describe("reaching everyone: Slack, e-mail and SMS in one round", () => {
  it("invites 30 people on three channels, 20 answer through their links (five in a browser), reminders reach the other 10", async () => {
    const clock = new ManualClock("2026-11-30T08:00:00Z");
    slack = new SlackStandIn(() => clock.now().getTime());
    for (const p of SLACK) slack.users.add(p.user);
    smtp = new SmtpStandIn();
    sms = await startSmsStandIn({ kind: "linkmobility", retryAfterSeconds: 1, now: () => clock.now().getTime() });
    await Promise.all([slack.start(), smtp.start()]);

    const roster = [
      `${HEADER},phone,channel`,
      ...SLACK.map((p, i) => `${p.email},Slack ${i},Org > Drift,,,${p.user},,,,,`),
      ...EMAIL.map((p, i) => `${p.email},Epost ${i},Org > Omsorg,,,,,,,,`),
      ...SMS.map((p, i) => `${p.email},Sms ${i},Org > Teknisk,,,,,,,${p.phone},sms`),
    ].join("\n");
    const platforms = new Set(["slack", "email", "sms"] as const);
    const { path, roundId } = roundOnFile({ roster, platforms, now: clock.now() });

    const env = {
      PORT: "0",
      DATABASE_PATH: path,
      PUBLIC_URL,
      SLACK_BOT_TOKEN: "xoxb-t",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: slack.url,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: "HR i Org <hr@org.example>",
      SMS_PROVIDER: "linkmobility",
      SMS_USERNAME: "pulsen",
      SMS_PASSWORD: "secret",
      SMS_PLATFORM_ID: "COOL",
      SMS_PLATFORM_PARTNER_ID: "4711",
      SMS_FROM: "Pulsen",
      SMS_API_URL: sms.url,
    };
    const adapters = [webchatAdapter, slackAdapter, emailAdapter, smsAdapter];
    running = await startServer(loadConfig(env), silentLogger(), clock, { adapters, tick: null });
    const s = running;
    const drain = async () => {
      const pending = () => s.database.db.select().from(outbox).where(eq(outbox.state, "pending")).all().length;
      for (let pass = 0; pass < 300 && (pass === 0 || pending() > 0); pass++) {
        await s.scheduler.tick();
        clock.advance(1000);
      }
    };
    await drain();

    // Ten Slack DMs, ten e-mails, ten text messages: each person once, on their own channel.
    expect(slack.messages).toHaveLength(10);
    expect(new Set(slack.messages.map((m) => m.channel))).toEqual(new Set(SLACK.map((p) => slack!.dm(p.user))));
    for (const p of EMAIL) expect(smtp.to(p.email)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(10);
    expect(new Set(sms.messages.map((m) => m.to))).toEqual(new Set(SMS.map((p) => p.phone)));
    expect(sms.messages).toHaveLength(10);
    // HR sees the reach per channel (the console's and the CLI's figure), and nobody unreachable.
    expect(reachedByChannel(s.database.db, roundId)).toEqual({ slack: 10, email: 10, sms: 10 });
    expect(unreachable(s.database.db, roundId)).toEqual([]);
    const links = [
      ...EMAIL.map((p) => LINK.exec(smtp!.to(p.email)[0]?.text ?? "")?.[1]),
      ...sms.messages.map((m) => LINK.exec(m.text)?.[1]),
    ];
    expect(links.every((t) => t !== undefined)).toBe(true);
    const tokens = links as string[];

    // A mail scanner fetches every link (twice): the link still works for its person afterwards.
    for (const t of tokens) {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${s.url}/l/${t}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('method="post"');
      }
    }

    // The twenty answer on the web surface, at once as people do: five in Chromium on a phone-sized
    // screen, each in a tab of their own, and fifteen posting the same forms without a browser.
    const answer = async (t: string) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "nb-NO" });
      await page.goto(`${s.url}/l/${t}`);
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/chat")), page.click("form button")]);
      const last = () => page.locator("article.msg").last();
      for (let guard = 0; guard < 10 && (await last().locator("button.scale").count()) === 5; guard++) {
        clock.advance(3000); // reading time: not a double tap
        await Promise.all([page.waitForEvent("framenavigated"), last().locator("button.scale").nth(2).click()]);
        await page.waitForLoadState("load");
      }
      clock.advance(3000);
      await Promise.all([page.waitForEvent("framenavigated"), page.click("button:text('Send uten kommentar')")]);
      await page.waitForLoadState("load");
      expect(await last().textContent()).toMatch(/Takk for svarene!/);
      await page.close();
    };
    const answerByForm = async (t: string) => {
      const visitor = new LinkVisitor(s.url, `${s.url}/l/${t}`, () => clock.advance(3000));
      expect((await visitor.start()).status).toBe(303);
      for (let guard = 0; guard < 20; guard++) {
        const m = await visitor.last();
        const next = m.hasCommentField
          ? m.buttons.find((b) => b.action.a === "skip_comment")
          : m.buttons.find((b) => b.action.a === "answer" && "v" in b.action && b.action.v === 3);
        if (next === undefined) break;
        expect((await visitor.tap(m.id, next.raw)).status).toBe(303);
      }
      expect((await visitor.last()).text).toMatch(/Takk for svarene!/);
    };
    const inBrowser = new Set([...tokens.slice(0, 3), ...tokens.slice(10, 12)]); // e-mail and SMS links both
    await Promise.all([
      (async () => {
        for (const t of inBrowser) await answer(t);
      })(),
      Promise.all(tokens.filter((t) => !inBrowser.has(t)).map(answerByForm)),
    ]);
    const answered = () => s.database.db.select().from(responses).where(eq(responses.roundId, roundId)).all();
    expect(answered()).toHaveLength(20);

    // Day 3: the reminder reaches only the ten who have not answered (the Slack ones).
    const [slackBefore, mailBefore, smsBefore] = [slack.messages.length, smtp.messages.length, sms.messages.length];
    clock.set(new Date("2026-12-03T09:30:00Z"));
    await drain();
    expect(slack.messages.length - slackBefore).toBe(10);
    expect(smtp.messages.length).toBe(mailBefore);
    expect(sms.messages.length).toBe(smsBefore);

    // After the close every link says so, and the report counts the twenty.
    clock.set(new Date("2026-12-07T10:00:00Z"));
    await drain();
    for (const t of tokens) {
      const res = await fetch(`${s.url}/l/${t}`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain("Undersøkelsen er stengt");
    }
    const reports = roundReports(s.database.db, roundId, 5);
    const org = reports.byUnit.get(reports.rootUnitId ?? "");
    expect(org).toMatchObject({ suppressed: false, invited: 30, responses: 20 });
    // About 6 s on a quiet machine; a busy one doubles the browser's share.
  }, 60_000);
});
