import { createServer } from "node:net";
import { createTransport } from "nodemailer";
import { describe, expect, it } from "vitest";
import { classifySmtpError } from "../../adapters/email/errors";
import { renderEmail } from "../../adapters/email/render";
import { EmailSender, emailLimits, parseFrom } from "../../adapters/email/sender";
import { LinkService } from "../../src/bot/link-service";
import type { BotMessage } from "../../src/bot/message";
import type { Outbound } from "../../src/jobs/sender";
import { silentLogger } from "../helpers/world";

// The words come from the bot's catalogues, through the port; any LinkService answers them.
const words = LinkService.prototype.words;

const invite: BotMessage = {
  ref: "invite:r1",
  summary: 'Ny pulsmåling: <Trivsel> & "mer"',
  blocks: [
    { type: "header", text: 'Ny pulsmåling: <Trivsel> & "mer"' },
    { type: "text", text: "Hvorfor <b>dette</b>?" },
    { type: "context", text: "Åpen til fredag." },
    {
      type: "buttons",
      buttons: [
        { label: "Start", action: { a: "start", r: "r1" }, style: "primary" },
        { label: "Påminn meg i morgen", action: { a: "snooze", r: "r1" } },
      ],
    },
  ],
};

const options = (personalLink: string | null) => ({
  locale: "nb" as const,
  words: words("nb"),
  personalLink,
  senderName: "HR i Fjord",
  overviewUrl: "https://p.example/",
});

describe("e-mail rendering", () => {
  it("escapes every text, keeps the subject on one line and makes Start the one link", () => {
    const link = 'https://p.example/l/abc"<x>';
    const mail = renderEmail(invite, options(link));
    expect(mail.subject).toBe('Ny pulsmåling: <Trivsel> & "mer"');
    expect(mail.html).toContain("<title>Ny pulsmåling: &lt;Trivsel&gt; &amp; &quot;mer&quot;</title>");
    expect(mail.html).toContain("Hvorfor &lt;b&gt;dette&lt;/b&gt;?");
    expect(mail.html).not.toContain("<b>");
    expect([...mail.html.matchAll(/<a\s/g)]).toHaveLength(1);
    expect(mail.html).toContain('href="https://p.example/l/abc&quot;&lt;x&gt;"');
    expect(mail.text).toContain(`Start: ${link}`);
    expect(mail.text).not.toContain("Påminn meg");
    expect(mail.text.trimEnd().endsWith("Hilsen HR i Fjord")).toBe(true);
  });

  it("leaves chat-only buttons out and points to the overview instead", () => {
    const ask: BotMessage = {
      ref: "measure:m1",
      summary: "How is the measure going?",
      blocks: [
        { type: "header", text: "How is the measure going?" },
        {
          type: "buttons",
          buttons: [{ label: "Done", action: { a: "measure", m: "m1", s: "done" } }],
        },
        { type: "table", columns: ["Area", "Score"], rows: [["Trust", "71"]] },
      ],
    };
    const mail = renderEmail(ask, { ...options(null), locale: "en", words: words("en") });
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).not.toContain(">Done<");
    expect(mail.text).toContain("work only in Slack and Teams");
    expect(mail.text).toContain("Open the overview: https://p.example/");
    expect(mail.text).toContain("Area | Score\nTrust | 71");
    expect(mail.text).not.toContain("This link is personal");
  });

  it("reads MAIL_FROM's name and domain", () => {
    expect(parseFrom("HR i Fjord <pulsen@fjord.example>")).toEqual({ name: "HR i Fjord", domain: "fjord.example" });
    expect(parseFrom('"Fjord, HR" <hr@fjord.no>')).toEqual({ name: "Fjord, HR", domain: "fjord.no" });
    expect(parseFrom("pulsen@fjord.no")).toEqual({ name: "Pulsen", domain: "fjord.no" });
  });
});

describe("SMTP errors as outbox decisions", () => {
  const smtp = (responseCode: number, command: string, response = `${responseCode} x`) =>
    classifySmtpError(Object.assign(new Error("m"), { code: "EENVELOPE", responseCode, command, response }));

  it("retries what may pass later and gives up only on what the address refuses", () => {
    for (const code of [421, 450, 451, 452]) expect(smtp(code, "RCPT TO").kind).toBe("retry");
    expect(smtp(503, "RCPT TO").kind).toBe("retry");
    expect(smtp(550, "RCPT TO", "550 5.1.1 <a@b.no>: user unknown, see https://help.example/x")).toEqual({
      kind: "undeliverable",
      reason: "email: 550 5.1.1 <a@b.no>: user unknown, see",
    });
    expect(smtp(554, "DATA", "554 5.7.1 rejected").kind).toBe("undeliverable");
    // Our credentials or our sender address: not the person's fault.
    expect(smtp(535, "AUTH PLAIN").kind).toBe("retry");
    expect(smtp(553, "MAIL FROM").kind).toBe("retry");
    // A server that is down or unreachable: all e-mail waits a minute, and no attempt is used up.
    for (const code of ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"])
      expect(classifySmtpError(Object.assign(new Error("x"), { code }))).toEqual({
        kind: "rate_limited",
        retryAfterMs: 60_000,
        scope: "platform",
      });
    expect(classifySmtpError(Object.assign(new Error("x"), { code: "ETLS" }))).toEqual({
      kind: "retry",
      reason: "email: ETLS",
    });
    expect(
      classifySmtpError(Object.assign(new Error('Invalid recipient "x"'), { code: "EENVELOPE", command: "API" })),
    ).toEqual({ kind: "undeliverable", reason: "email: invalid address" });
  });

  it("paces at the configured rate with ten seconds' burst", () => {
    expect(emailLimits(60).platform).toEqual([{ capacity: 10, perMs: 10_000 }]);
    expect(emailLimits(6).platform).toEqual([{ capacity: 1, perMs: 10_000 }]);
  });

  it("waits while the SMTP server is down, and refuses a channel", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const transport = createTransport({ url: `smtp://127.0.0.1:${port}`, connectionTimeout: 2000 });
    const sender = new EmailSender(
      transport,
      { smtpUrl: "", from: "pulsen@fjord.example", perMinute: 60 },
      { compose: () => invite },
      { mint: () => "https://p.example/l/x", words },
      "https://p.example",
      silentLogger(),
    );
    const person: Outbound["recipient"] = {
      kind: "person",
      personId: "p1",
      email: "a@fjord.example",
      slackUserId: null,
      teamsAadObjectId: null,
      phone: null,
      locale: "nb",
      timezone: "Europe/Oslo",
    };
    const m: Outbound = { key: "k", recipient: person, intent: { kind: "invite", roundId: "r1" }, replaces: null };
    expect(await sender.send(m)).toEqual({ kind: "rate_limited", retryAfterMs: 60_000, scope: "platform" });
    const channel: Outbound["recipient"] = { kind: "channel", channel: "C1", locale: "nb" };
    expect(await sender.send({ ...m, recipient: channel })).toEqual({
      kind: "undeliverable",
      reason: "email has no channels",
    });
    // An update in place: an e-mail cannot be edited, and nothing is sent.
    expect(await sender.send({ ...m, replaces: "<id@x>" })).toEqual({ kind: "sent", messageId: "<id@x>" });
  });
});
