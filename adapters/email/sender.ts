import { createHash } from "node:crypto";
import type { ChatPort, LinkPort } from "../../src/bot/port";
import type { EmailConfig } from "../../src/config";
import type { PersonId } from "../../src/core/ids";
import type { Outbound, SendResult, Sender } from "../../src/jobs/sender";
import type { Logger } from "../../src/log";
import { classifySmtpError, smtpErrorFields } from "./errors";
import { renderEmail } from "./render";

/** What the sender needs of a nodemailer transport (a test may hand in its own). */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ messageId?: string }>;
}

/** MAIL_FROM's parts: "HR i Seljord <pulsen@seljord.no>" or a bare address (then the sign-off says Pulsen). */
export function parseFrom(from: string): { name: string; domain: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(from);
  const address = (m?.[2] ?? from).trim();
  const name = m?.[1]?.trim() ?? "";
  return { name: name === "" ? "Pulsen" : name, domain: address.split("@")[1] ?? "pulsen" };
}

/**
 * The outbox's paces for SMTP_RATE_PER_MINUTE. A pass by a tick never sleeps, so the bucket holds ten
 * seconds' worth: a one-token bucket would send one message per tick. Over any minute that is at most the
 * rate plus one bucket. (The running server's outbox also waits for tokens between passes.)
 */
export function emailLimits(perMinute: number): Sender["limits"] {
  const capacity = Math.max(1, Math.ceil(perMinute / 6));
  return {
    platform: [{ capacity, perMs: (60_000 * capacity) / perMinute }],
    // One person's inbox: an invitation and a digest may fall due together, but not a flood.
    conversation: [{ capacity: 3, perMs: 60_000 }],
  };
}

/**
 * The outbox's e-mail sender. One SMTP transaction per message, no retries of nodemailer's own: every
 * retry is the outbox's recorded decision. There is no findSent: SMTP cannot be asked afterwards whether a
 * message went out, so a crash between the server's 250 and the outbox's record sends it again (at least
 * once). The Message-ID is made from the outbox key, so such a repeat carries the same id and mail
 * clients that thread by it, and the tests, can tell.
 */
export class EmailSender implements Sender {
  readonly platform = "email" as const;
  readonly limits: Sender["limits"];
  // The transport keeps one connection and sends on it one message at a time (adapters/email/index.ts), so
  // a crash may repeat only the one message the server was taking (tests/rounds/email-crash.test.ts); the
  // others in flight here were still queued. Four let the outbox prepare the next while one is on the wire.
  readonly concurrency = 4;
  private readonly from: { name: string; domain: string };

  constructor(
    private readonly transport: MailTransport,
    private readonly config: EmailConfig,
    private readonly chat: Pick<ChatPort, "compose">,
    private readonly links: Pick<LinkPort, "mint" | "words">,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {
    this.limits = emailLimits(config.perMinute);
    this.from = parseFrom(config.from);
  }

  async send(m: Outbound): Promise<SendResult> {
    if (m.recipient.kind !== "person") return { kind: "undeliverable", reason: "email has no channels" };
    // A sent e-mail cannot be edited. The rewrite at the close (replaces) exists so that no live Start
    // button stays in a chat; the e-mail's link itself says "closed" once the round is. Nothing to send.
    if (m.replaces !== null) return { kind: "sent", messageId: m.replaces };
    const personId = m.recipient.personId as PersonId;
    const message = this.chat.compose(m.intent, personId);
    if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
    let personalLink: string | null = null;
    if (m.intent.kind === "invite" || m.intent.kind === "remind") {
      personalLink = this.links.mint(personId, m.intent.roundId);
      // The round closed (or the person left it) between queueing and now. Not the address's fault, so not
      // undeliverable (HR would see a working address as unreachable): a retry, which the outbox's own
      // check then cancels as "round closed" on its next pass.
      if (personalLink === null) return { kind: "retry", reason: "round not open" };
    }
    const mail = renderEmail(message, {
      locale: m.recipient.locale,
      words: this.links.words(m.recipient.locale),
      personalLink,
      senderName: this.from.name,
      overviewUrl: `${this.publicUrl}/`,
    });
    const messageId = `<${createHash("sha256").update(m.key).digest("hex")}@${this.from.domain}>`;
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: m.recipient.email,
        ...mail,
        messageId,
        // RFC 3834: no autoresponder should answer, and Exchange's out-of-office neither.
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      });
      return { kind: "sent", messageId: info.messageId ?? messageId };
    } catch (e) {
      const result = classifySmtpError(e);
      // Codes only: the error's message quotes the server, and nothing of ours (the link) may reach a log.
      this.logger.warn({ key: m.key, smtp: smtpErrorFields(e), decision: result.kind }, "SMTP send refused");
      return result;
    }
  }
}
