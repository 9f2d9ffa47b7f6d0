import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { admitAll, type SlidingWindow, type TokenBucket } from "./standin-limits";

export interface SentActivity {
  conversation: string;
  id: string;
  activity: Record<string, unknown>;
  /** When the stand-in accepted it, on its clock (ms). */
  at: number;
}

/**
 * A local stand-in for the Bot Framework Connector named by an activity's
 * serviceUrl: records what the bot sends, answers with activity ids, and can
 * answer the next sends with an HTTP error (429 with Retry-After, 403…).
 */
export class ConnectorStandIn {
  readonly sent: SentActivity[] = [];
  readonly failures: { status: number; body: Record<string, unknown>; headers?: Record<string, string> }[] = [];
  /** Users the app is installed for (e.g. by an admin setup policy): only they can be given a new 1:1 chat. */
  readonly installedFor = new Set<string>();
  readonly created: string[] = [];
  /** Activities the bot rewrote in place (PUT), newest last. */
  readonly updated: SentActivity[] = [];
  /** Teams' per-bot, per-conversation limits (sliding windows), enforced when given. */
  perConversation: SlidingWindow[] = [];
  /** The global limit per app and tenant, enforced when given. */
  global: TokenBucket | null = null;
  /** Calls answered 429 so far. */
  throttled = 0;
  /** A flaky Connector: this share of sends is answered 429 (Retry-After 1) or 500, half each, before it acts. */
  flaky: { rate: number; random: () => number } | null = null;
  /** The sends the flakiness refused, by status. */
  readonly refused = { 429: 0, 500: 0 };
  /** The Authorization header of every call, in order ("" when there was none). */
  readonly authorizations: string[] = [];
  private server: Server | null = null;
  private seq = 0;
  url = "";

  /** Time for the limits: real by default. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Teams' answer to a bot over its limits: 429 with Retry-After, and nothing sent. */
  private overLimit(conversation: string): boolean {
    const now = this.now();
    if (this.global !== null && !this.global.admit(now)) return true;
    return this.perConversation.length > 0 && !admitAll(this.perConversation, conversation, now);
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: "2mb" }), (req, _res, next) => {
      this.authorizations.push(req.headers.authorization ?? "");
      next();
    });
    app.post("/v3/conversations", (req, res) => {
      const member = (req.body as { members?: { id: string }[] }).members?.[0]?.id ?? "";
      if (!this.installedFor.has(member))
        return res
          .status(403)
          .json({ error: { code: "Forbidden", message: "Bot is not installed in user's personal scope" } });
      const id = `a:created-${member}`;
      this.created.push(member);
      res.status(201).json({ id });
    });
    // The flakiness sits before both send routes: a refused send was never acted on.
    app.post(["/v3/conversations/:conv/activities", "/v3/conversations/:conv/activities/:reply"], (_req, res, next) => {
      if (!this.flaky || this.flaky.random() >= this.flaky.rate) return next();
      const limited = this.flaky.random() < 0.5;
      this.refused[limited ? 429 : 500]++;
      if (limited)
        return void res
          .status(429)
          .set({ "retry-after": "1" })
          .json({ error: { code: "TooManyRequests" } });
      res.status(500).json({ error: { code: "ServiceError" } });
    });
    app.post("/v3/conversations/:conv/activities", (req, res) => {
      const fail = this.failures.shift();
      if (fail)
        return res
          .status(fail.status)
          .set(fail.headers ?? {})
          .json(fail.body);
      if (this.overLimit(req.params.conv)) {
        this.throttled++;
        return res
          .status(429)
          .set({ "retry-after": "1" })
          .json({ error: { code: "Throttled" } });
      }
      const id = `a${++this.seq}`;
      const at = this.now();
      this.sent.push({ conversation: req.params.conv, id, activity: req.body as Record<string, unknown>, at });
      res.json({ id });
    });
    app.post("/v3/conversations/:conv/activities/:reply", (req, res) => {
      const fail = this.failures.shift();
      if (fail)
        return res
          .status(fail.status)
          .set(fail.headers ?? {})
          .json(fail.body);
      const id = `a${++this.seq}`;
      const at = this.now();
      this.sent.push({ conversation: req.params.conv, id, activity: req.body as Record<string, unknown>, at });
      res.json({ id });
    });
    app.put("/v3/conversations/:conv/activities/:id", (req, res) => {
      const update = {
        conversation: req.params.conv,
        id: req.params.id,
        activity: req.body as Record<string, unknown>,
        at: this.now(),
      };
      this.sent.push(update);
      this.updated.push(update);
      res.json({ id: req.params.id });
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
