import { createTransport } from "nodemailer";
import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { transportError } from "./errors";
import { EmailSender, type MailTransport } from "./sender";

/** Time-outs of our own: nodemailer's socket default waits ten minutes, longer than the outbox's lease. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

/**
 * nodemailer on SMTP_URL (smtp://…:587 upgrades with STARTTLS when the server offers it, smtps:// is TLS
 * from the start). One connection, kept for the next message (up to 100 on it): the outbox sends one at a
 * time, and a new connection per message costs its greeting each time (100 ms from smtp-server, seconds
 * from a Postfix with postscreen), which would cap a fan-out far below SMTP_RATE_PER_MINUTE. Closed when
 * the server stops. Its own logger stays off (it would log the message), and it may not read files or URLs
 * named in a message.
 */
function smtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  try {
    return createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 1,
      maxMessages: 100,
      ...TIMEOUTS,
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  } catch (e) {
    throw transportError(e);
  }
}

/** E-mail: the outbox's sender for people reached by e-mail, with their personal link. No routes. */
export function emailAdapter(ctx: AdapterContext): Adapter {
  const email = ctx.config.email;
  if (email === null) return {};
  const logger = ctx.logger.child({ component: "email" });
  const transport = smtpTransport(email.smtpUrl);
  return {
    senders: { email: new EmailSender(transport, email, ctx.chat, ctx.links, ctx.config.publicUrl, logger) },
    close: () => transport.close(),
  };
}
