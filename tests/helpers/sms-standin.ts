import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local SMS provider for the tests: a real HTTP server that answers as LINK Mobility's SMS REST API
 * does (POST /sms/send, basic auth, the documented fields, { messageId, resultCode, description } with
 * 1005 "Queued"), or as the plain webhook (POST JSON { to, text, key }, optional bearer token). It refuses
 * chosen numbers, answers 429 with Retry-After over a rate, and fails on demand.
 */
export interface SmsStandInOptions {
  kind: "linkmobility" | "webhook";
  /** LINK: the account's credentials and ids. */
  username?: string;
  password?: string;
  platformId?: string;
  platformPartnerId?: string;
  /** Webhook: the bearer token expected, if any. */
  token?: string;
  /** Accepted sends per second (by `now`) before a 429; unlimited when unset. */
  perSecond?: number;
  retryAfterSeconds?: number;
  /** The time the rate is measured in (a test's ManualClock). */
  now?: () => number;
}

interface AcceptedSms {
  to: string;
  text: string;
  from: string | null;
  /** LINK's refId or the webhook's key: Pulsen's outbox key. */
  key: string | null;
  id: string;
}

export interface SmsStandIn {
  url: string;
  messages: AcceptedSms[];
  /** Every request's answer status and when it came (by `now`), in order. */
  requests: { status: number; at: number }[];
  /** The next requests (one per status given) fail with these statuses: 429 carries Retry-After. */
  failNext(...statuses: number[]): void;
  /** This number is refused (LINK: resultCode 2105 "Destination blocked"; webhook: 422). */
  refuse(number: string): void;
  stop(): Promise<void>;
}

const LINK_DEFAULTS = { username: "pulsen", password: "secret", platformId: "COOL", platformPartnerId: "4711" };
const E164 = /^\+[1-9]\d{6,14}$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      data += c;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function startSmsStandIn(opts: SmsStandInOptions): Promise<SmsStandIn> {
  const link = { ...LINK_DEFAULTS, ...opts };
  const now = opts.now ?? Date.now;
  const messages: AcceptedSms[] = [];
  const requests: { status: number; at: number }[] = [];
  const failures: number[] = [];
  const refused = new Set<string>();
  let window = { second: -1, count: 0 };

  const reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
    requests.push({ status, at: now() });
    answer(res, status, body, headers);
  };
  const tooMany = (res: ServerResponse) =>
    reply(res, 429, { description: "Too many requests" }, { "retry-after": String(opts.retryAfterSeconds ?? 1) });
  /** Over the rate in the current second of `now`? Counts the request if not. */
  const overRate = () => {
    if (opts.perSecond === undefined) return false;
    const second = Math.floor(now() / 1000);
    if (window.second !== second) window = { second, count: 0 };
    if (window.count >= opts.perSecond) return true;
    window.count++;
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    if (req.method !== "POST") return reply(res, 405, { description: "Method not allowed" });
    if (opts.kind === "linkmobility" && req.url !== "/sms/send") return reply(res, 404, { description: "Not found" });
    const auth = req.headers.authorization ?? "";
    const expected =
      opts.kind === "linkmobility"
        ? `Basic ${Buffer.from(`${link.username}:${link.password}`).toString("base64")}`
        : opts.token === undefined
          ? auth
          : `Bearer ${opts.token}`;
    if (auth !== expected) return reply(res, 401, { description: "Unauthorized" });
    const failure = failures.shift();
    if (failure === 429) return tooMany(res);
    if (failure !== undefined) return reply(res, failure, { description: "Internal error" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return reply(res, 400, { errorCode: "INVALID_JSON", description: "Request is not JSON" });
    }
    if (overRate()) return tooMany(res);
    return opts.kind === "linkmobility" ? linkSend(res, body) : webhookSend(res, body);
  };

  const linkSend = (res: ServerResponse, b: Record<string, unknown>) => {
    const source = str(b.source);
    const destination = str(b.destination);
    const userData = str(b.userData);
    if (source === null || destination === null || str(b.platformId) === null || str(b.platformPartnerId) === null)
      return reply(res, 400, { errorCode: "MISSING_FIELD", description: "Missing required field" });
    if (b.platformId !== link.platformId || b.platformPartnerId !== link.platformPartnerId)
      return reply(res, 403, { description: "Forbidden: unknown platform or partner" });
    if (!E164.test(destination)) return reply(res, 400, { resultCode: 2106, description: "Number error" });
    if (refused.has(destination)) return reply(res, 200, { resultCode: 2105, description: "Destination blocked" });
    const id = randomBytes(18).toString("base64");
    messages.push({ to: destination, text: userData ?? "", from: source, key: str(b.refId), id });
    return reply(res, 200, { messageId: id, resultCode: 1005, description: "Queued", smsCount: 1 });
  };

  const webhookSend = (res: ServerResponse, b: Record<string, unknown>) => {
    const to = str(b.to);
    const text = str(b.text);
    const key = str(b.key);
    if (to === null || text === null || key === null) return reply(res, 400, { error: "to, text and key are needed" });
    if (refused.has(to)) return reply(res, 422, { error: "number refused by the operator" });
    const id = `wh-${messages.length + 1}`;
    messages.push({ to, text, from: str(b.from), key, id });
    return reply(res, 200, { id });
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 500, { description: "Internal error" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    failNext: (...s) => {
      failures.push(...s);
    },
    refuse: (n) => {
      refused.add(n);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
