import { PulsenError } from "../../src/core/errors";
import type { SendResult } from "../../src/jobs/sender";

/** The parts of a nodemailer error we read; its message may quote the server's reply, never our content. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** The commands whose refusal is about this recipient (or this message to them), not about our server or sender. */
const ABOUT_THE_RECIPIENT = new Set(["RCPT TO", "DATA"]);

/** The server's words after the code, short and on one line: HR reads them, and no URL is kept. */
function shortText(response: string | undefined, code: number): string {
  const words = (response ?? "")
    .replace(/\s+/g, " ")
    .replace(new RegExp(`^${code}[ -]?`), "")
    .replace(/\bhttps?:\/\/\S+/g, "")
    .trim();
  return words.length > 100 ? `${words.slice(0, 99)}…` : words;
}

/**
 * The one mapper from nodemailer's errors to the outbox's decisions (RFC 5321: 5yz is permanent, 4yz
 * transient). A 5xx to RCPT TO or DATA means this address will not take the message: undeliverable, and
 * the reason starts with "email:" so that HR is told to check the address (src/rounds/reach.ts). A 5xx
 * elsewhere (MAIL FROM, AUTH: our sender or our credentials) is not the person's fault and is retried until
 * the outbox gives up, as are 4xx (421, 450, 451, 452), 503, time-outs and broken connections.
 */
export function classifySmtpError(e: unknown): SendResult {
  const err = (e ?? {}) as SmtpError;
  const code = err.responseCode;
  if (code !== undefined) {
    const reason = `email: ${code} ${shortText(err.response, code)}`.trim();
    const permanent = code >= 500 && code !== 503;
    if (permanent && ABOUT_THE_RECIPIENT.has(err.command ?? "")) return { kind: "undeliverable", reason };
    return { kind: "retry", reason };
  }
  // nodemailer refuses an address it cannot parse before it talks to the server.
  if (err.code === "EENVELOPE" && err.command === "API" && /recipient/i.test(err.message ?? ""))
    return { kind: "undeliverable", reason: "email: invalid address" };
  // The server is down or unreachable (no SMTP reply at all): every e-mail waits, none uses up its
  // attempts, so an outage of hours loses nothing; the outbox tries again in a minute.
  if (err.code === "ECONNECTION" || err.code === "ETIMEDOUT" || err.code === "ESOCKET" || err.code === "EDNS")
    return { kind: "rate_limited", retryAfterMs: 60_000, scope: "platform" };
  return { kind: "retry", reason: `email: ${err.code ?? "error"}` };
}

/** An SMTP error as short log fields: codes and the command, never the message or the server's full reply. */
export function smtpErrorFields(e: unknown): { code: string; responseCode?: number; command?: string } {
  const err = (e ?? {}) as SmtpError;
  return {
    code: err.code ?? (e instanceof Error ? e.name : "error"),
    ...(err.responseCode === undefined ? {} : { responseCode: err.responseCode }),
    ...(err.command === undefined ? {} : { command: err.command }),
  };
}

/** nodemailer could not make a transport of SMTP_URL (a bad option in its query string). */
export function transportError(e: unknown): PulsenError {
  const why = e instanceof Error ? e.message : String(e);
  // The URL may hold a password: say what is wrong without quoting it, and keep no cause that might.
  return new PulsenError("config_invalid", `SMTP_URL cannot be used: ${why.replace(/\S+:\/\/\S+/g, "(url)")}`);
}
