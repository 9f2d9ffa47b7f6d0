import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError } from "smtp-server";
import type { TokenBucket } from "./standin-limits";

/**
 * A real SMTP server in the test process (the `smtp-server` package) standing in for the organization's
 * mail server. It keeps every message it accepted, raw and parsed the way a mail client reads it
 * (unfolded headers, RFC 2047 words, multipart parts, quoted-printable and base64). A test can make it
 * refuse chosen recipients (451 for a while, 550 for good), and hold one message in DATA (`hangAt`) so a
 * crash test can kill the sender while the server is accepting it.
 */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  /** Lower-case names; a repeated header keeps its first value. */
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string;
  messageId: string;
  text: string | null;
  html: string | null;
  /** When the server accepted it (ms, real time). */
  at: number;
}

interface Refusal {
  code: number;
  text: string;
  times: number;
}

export class SmtpStandIn {
  readonly messages: ReceivedMail[] = [];
  /** Every RCPT TO, with the code answered. */
  readonly rcpts: { address: string; code: number }[] = [];
  /** The DATA transactions started so far (accepted, refused or held). */
  dataStarted = 0;
  /** Hold the n-th DATA (1-based) after its content arrived, without answering, until `release()`. */
  hangAt: number | null = null;
  /** Called when the held message has arrived (a crash test kills the sender here). */
  onHang: ((n: number) => void) | null = null;
  port = 0;
  /** The relay's own limit (messages a minute, some burst): beyond it, MAIL FROM is refused with 451. */
  rate: TokenBucket | null = null;
  /** MAIL FROMs refused by `rate`. */
  throttled = 0;
  private readonly refusals = new Map<string, Refusal>();
  private held: (() => void) | null = null;
  private server: SMTPServer | null = null;

  /** RCPT TO this address answers `code text`, the next `times` times (for good by default). */
  refuse(address: string, code: number, text: string, times = Number.POSITIVE_INFINITY): void {
    this.refusals.set(address.toLowerCase(), { code, text, times });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(auth?: { user: string; pass: string }): Promise<void> {
    this.server = new SMTPServer({
      // Plain SMTP on loopback: no certificate to trust; nodemailer does not upgrade without STARTTLS.
      disabledCommands: auth === undefined ? ["STARTTLS", "AUTH"] : ["STARTTLS"],
      allowInsecureAuth: true,
      authOptional: auth === undefined,
      logger: false,
      closeTimeout: 100,
      // A reverse DNS lookup of 127.0.0.1 per connection costs ~0.1 s where no resolver answers for it.
      disableReverseLookup: true,
      onAuth: (a, _session, done) => {
        if (a.username === auth?.user && a.password === auth?.pass) done(null, { user: a.username });
        else done(smtpError(535, "5.7.8 Authentication credentials invalid"));
      },
      onMailFrom: (_address, _session, done) => {
        if (this.rate === null || this.rate.admit(Date.now())) return done();
        this.throttled++;
        done(smtpError(451, "4.7.1 Too many messages, slow down"));
      },
      onRcptTo: (address, _session, done) => {
        const refusal = this.refusals.get(address.address.toLowerCase());
        if (refusal !== undefined && refusal.times > 0) {
          refusal.times--;
          this.rcpts.push({ address: address.address, code: refusal.code });
          done(smtpError(refusal.code, refusal.text));
          return;
        }
        this.rcpts.push({ address: address.address, code: 250 });
        done();
      },
      onData: (stream, session, done) => {
        const n = ++this.dataStarted;
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const accept = () => {
            const envelope = {
              from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((r) => r.address),
            };
            this.messages.push({ ...parseMail(Buffer.concat(chunks).toString("utf8"), envelope), at: Date.now() });
            done(null, `Queued as ${n}`);
          };
          if (this.hangAt === n) {
            this.held = accept;
            this.onHang?.(n);
          } else accept();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** Lets the held message through (it is then accepted, as a slow server would). */
  release(): void {
    const held = this.held;
    this.held = null;
    held?.();
  }

  /** Messages accepted for this address. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === address.toLowerCase()));
  }

  async stop(): Promise<void> {
    this.held = null;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function smtpError(code: number, text: string): SMTPServerError {
  const e: SMTPServerError = new Error(text);
  e.responseCode = code;
  return e;
}

/** RFC 2047 encoded words (=?utf-8?B?…?= and =?utf-8?Q?…?=), with the space between two of them dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === "B" ? Buffer.from(data, "base64") : qpBytes(data.replace(/_/g, " "));
      return new TextDecoder(charset).decode(bytes);
    });
}

function qpBytes(text: string): Buffer {
  const out: number[] = [];
  const soft = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(...Buffer.from(soft[i] ?? "", "utf8"));
  }
  return Buffer.from(out);
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | undefined {
  const m = new RegExp(`${name}="?([^";]+)"?`, "i").exec(header ?? "");
  return m?.[1];
}

function decodeBody(body: string, headers: Map<string, string>): string {
  const cte = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const charset = param(headers.get("content-type"), "charset") ?? "utf-8";
  if (cte === "base64") return new TextDecoder(charset).decode(Buffer.from(body.replace(/\s+/g, ""), "base64"));
  if (cte === "quoted-printable") return new TextDecoder(charset).decode(qpBytes(body));
  return body;
}

/** The text/plain and text/html parts, however deep in multipart/* they sit. */
function parts(raw: string, found: { text: string | null; html: string | null }): void {
  const { headers, body } = splitHead(raw);
  const type = (headers.get("content-type") ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = param(headers.get("content-type"), "boundary");
    if (boundary === undefined) return;
    const sections = body.split(`--${boundary}`).slice(1);
    for (const s of sections) {
      if (s.startsWith("--")) break;
      parts(s.replace(/^\r?\n/, ""), found);
    }
    return;
  }
  const content = decodeBody(body, headers);
  if (type.startsWith("text/html")) found.html ??= content;
  else if (type.startsWith("text/plain")) found.text ??= content;
}

function parseMail(raw: string, envelope: { from: string; to: string[] }): Omit<ReceivedMail, "at"> {
  const { headers } = splitHead(raw);
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  parts(raw, found);
  return {
    envelope,
    raw,
    headers,
    subject: headers.get("subject") ?? "",
    from: headers.get("from") ?? "",
    to: headers.get("to") ?? "",
    messageId: headers.get("message-id") ?? "",
    ...found,
  };
}
