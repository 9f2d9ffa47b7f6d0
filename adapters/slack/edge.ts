import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseQuery } from "node:querystring";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Logger } from "../../src/log";

/** Slack's own window: a request's timestamp may differ from our clock by at most this, either way. */
const WINDOW_S = 5 * 60;
/**
 * Signatures remembered at most: a signature is kept until its timestamp leaves the window (at most
 * 10 minutes), so this covers about 160 requests a second. Only requests that passed the signature check
 * are remembered, so nobody but Slack can fill it; when full, the oldest is forgotten first.
 */
const REPLAY_CAPACITY = 100_000;

/** What Slack sends to an HTTP endpoint; anything else is refused before Bolt reads it. */
const interactive = z.union([
  z.object({
    type: z.literal("block_actions"),
    user: z.object({ id: z.string().min(1) }),
    // Buttons carry a string value; menus and pickers carry none (selected_option instead).
    actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  }),
  z.object({
    type: z.enum(["view_submission", "view_closed", "shortcut", "message_action", "block_suggestion"]),
    user: z.object({ id: z.string().min(1) }),
  }),
]);
const slashCommand = z.object({ command: z.string().min(1), user_id: z.string().min(1) });
const sslCheck = z.object({ ssl_check: z.string() });
const eventsApi = z.union([
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({ type: z.literal("event_callback"), event: z.object({ type: z.string() }) }),
  z.object({ type: z.literal("app_rate_limited") }),
]);

/** Signatures seen inside the window, in arrival order; each forgotten once its timestamp is too old. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly capacity = REPLAY_CAPACITY) {}

  /** True the first time a signature is offered while it is still valid, false for a replay. */
  first(signature: string, expiresAtS: number, nowS: number): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > nowS && this.seen.size < this.capacity) break;
      this.seen.delete(key);
    }
    const known = this.seen.get(signature);
    if (known !== undefined && known > nowS) return false;
    this.seen.set(signature, expiresAtS);
    return true;
  }
}

function signatureValid(secret: string, header: string, ts: string, body: string): boolean {
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body as Bolt will read it: a form (with `payload` JSON, or a slash command) or JSON. */
function envelopeValid(body: string, contentType: string): boolean {
  try {
    if (contentType.includes("application/json")) return eventsApi.safeParse(JSON.parse(body)).success;
    const fields = parseQuery(body);
    if (typeof fields.payload === "string") return interactive.safeParse(JSON.parse(fields.payload)).success;
    return slashCommand.safeParse(fields).success || sslCheck.safeParse(fields).success;
  } catch {
    return false;
  }
}

/**
 * In front of Bolt's receiver on /slack/events, and the only signature check (Bolt's receiver runs with
 * signatureVerification off and reads the raw body kept here). Bolt's own check would accept any timestamp
 * in the future and the same request any number of times, and a signed body it cannot read fails inside
 * Bolt as a 500 with a stack. This refuses those: one log line each, nothing reaches the bot. `nowS` is
 * the wall clock, as Slack's timestamps are.
 */
export function slackEdge(
  secret: string,
  logger: Logger,
  nowS = () => Math.floor(Date.now() / 1000),
): RequestHandler[] {
  const replays = new ReplayCache();
  const deliveries = new ReplayCache();
  const refuse = (res: Response, status: number, reason: string) => {
    logger.warn({ path: "/slack/events", status, reason }, "slack request refused");
    res.status(status).json({ error: status === 401 ? "unauthorized" : "input_invalid", message: reason });
  };
  // Bolt reads `rawBody` when it is there (ExpressReceiver's parseExpressRequestRawBody) instead of the stream.
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const body = raw.toString("utf8");
    const signature = req.headers["x-slack-signature"];
    const ts = req.headers["x-slack-request-timestamp"];
    if (typeof signature !== "string" || typeof ts !== "string" || !/^\d{1,12}$/.test(ts))
      return refuse(res, 401, "not signed");
    const now = nowS();
    if (Math.abs(now - Number(ts)) > WINDOW_S) return refuse(res, 401, "timestamp outside the signature window");
    if (!signatureValid(secret, signature, ts, body)) return refuse(res, 401, "signature mismatch");
    if (!replays.first(signature, Number(ts) + WINDOW_S, now)) return refuse(res, 401, "replayed request");
    if (!envelopeValid(body, String(req.headers["content-type"] ?? ""))) return refuse(res, 400, "not a Slack payload");
    // Slack retries what it got no 200 for within 3 s, signed anew but with the same body. The first
    // delivery is being (or was) handled: a retry is acknowledged, not handled again. After a restart the
    // cache is empty, so a retry of a delivery the crash lost is handled.
    const digest = createHash("sha256").update(raw).digest("base64");
    const first = deliveries.first(digest, now + 2 * WINDOW_S, now);
    if (!first && req.headers["x-slack-retry-num"] !== undefined) {
      logger.info(
        { path: "/slack/events", retry: String(req.headers["x-slack-retry-num"]) },
        "slack retry acknowledged",
      );
      return void res.status(200).end();
    }
    Object.assign(req, { rawBody: raw });
    next();
  };
  return [express.raw({ type: () => true, limit: "1mb" }), guard];
}
