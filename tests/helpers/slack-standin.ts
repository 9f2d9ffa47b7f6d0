import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { TokenBucket } from "./standin-limits";

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  updates: number;
  /** When the stand-in accepted it, on its clock (ms). */
  at?: number;
}

/**
 * A local stand-in for Slack's Web API, answering as Slack does: `ok`/`error`
 * bodies, DM channels for user ids, message ts, metadata, HTTP 429 with
 * Retry-After when a channel posts faster than one message a second (if
 * enforced), and scripted failures for the next calls of a method.
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  readonly messages: SlackMessage[] = [];
  readonly users = new Set<string>();
  /** Channels the bot is a member of, for conversations.info. */
  readonly memberOf = new Set<string>();
  /** Modals opened (views.open) and updated (views.update), by view id, newest state. */
  readonly views = new Map<string, { id: string; hash: string; user: string; view: Record<string, unknown> }>();
  /** Trigger ids handed out with interactions, and when (Slack honours one for 3 seconds, once). */
  private readonly triggers = new Map<string, { at: number; user: string; used: boolean }>();
  /** The last App Home view published per user. */
  readonly homes = new Map<string, Record<string, unknown>>();
  /** email → user id and profile time zone, for users.lookupByEmail. */
  readonly emails = new Map<string, { id: string; tz: string }>();
  enforcePerChannel = false;
  /** A flaky Slack: this share of calls is answered 429 (Retry-After 1) or 500, half each, before Slack acts. */
  flaky: { rate: number; random: () => number } | null = null;
  /** The calls the flakiness refused, by status. */
  readonly refused = { 429: 0, 500: 0 };
  /** Runs after chat.postMessage recorded message `count` and before Slack answers (a test kills the sender here). */
  onPost: ((count: number) => void) | null = null;
  globalPerSecond: number | null = null;
  private readonly lastPost = new Map<string, number>();
  private readonly recent: number[] = [];
  /** The per-channel window: a second, or less in a benchmark that runs Slack's limits faster. */
  perChannelMs = 1000;
  /** The workspace-wide cap on chat.postMessage, as a rate with some burst. */
  workspace: TokenBucket | null = null;
  /** ms to hold the next calls of a method before Slack acts on them (a slow network, a busy API). */
  private readonly holds = new Map<string, number[]>();
  private readonly scripted = new Map<
    string,
    { status: number; body: Record<string, unknown>; headers?: Record<string, string> }[]
  >();
  private server: Server | null = null;
  private seq = 0;
  url = "";

  /** Time for the rate limits: real by default, or the test's manual clock so both sides agree. */
  constructor(private readonly now: () => number = Date.now) {}

  failNext(
    method: string,
    ...answers: { status: number; body: Record<string, unknown>; headers?: Record<string, string> }[]
  ): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...answers]);
  }

  /** The next calls of `method` are acted on only after these delays, in the order given. */
  holdNext(method: string, ...ms: number[]): void {
    this.holds.set(method, [...(this.holds.get(method) ?? []), ...ms]);
  }

  /** A trigger id as Slack puts in an interaction's payload for `user`, issued now. */
  trigger(user: string): string {
    const id = `${++this.seq}.${Math.floor(this.now())}.trigger`;
    this.triggers.set(id, { at: this.now(), user, used: false });
    return id;
  }

  dm(userId: string): string {
    return `D${userId}`;
  }

  inChannel(channel: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.urlencoded({ extended: false, limit: "2mb" }), express.json({ limit: "2mb" }));
    app.post("/api/:method", async (req, res) => {
      const method = String(req.params.method);
      const hold = this.holds.get(method)?.shift();
      if (hold !== undefined) await new Promise((r) => setTimeout(r, hold));
      const args: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
        args[k] = typeof v === "string" && /^[[{]/.test(v) ? JSON.parse(v) : v;
      }
      this.calls.push({ method, args });
      if (!/^Bearer xoxb-/.test(String(req.headers.authorization ?? "")))
        return res.json({ ok: false, error: "not_authed" });
      if (this.flaky && method !== "auth.test" && this.flaky.random() < this.flaky.rate) {
        const limited = this.flaky.random() < 0.5;
        this.refused[limited ? 429 : 500]++;
        if (limited) return res.status(429).set({ "retry-after": "1" }).json({ ok: false, error: "ratelimited" });
        return res.status(500).json({ ok: false, error: "internal_error" });
      }
      const script = this.scripted.get(method)?.shift();
      if (script)
        return res
          .status(script.status)
          .set(script.headers ?? {})
          .json(script.body);
      const reply = this.handle(method, args);
      if ("status" in reply)
        return res
          .status(reply.status as number)
          .set({ "retry-after": "1" })
          .json({ ok: false, error: "ratelimited" });
      res.json(reply);
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  private handle(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const now = this.now();
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T0001", team: "Fjordvik" };
      case "views.publish":
        this.homes.set(String(a.user_id), a.view as Record<string, unknown>);
        return { ok: true, view: { id: "V1" } };
      case "views.open": {
        const t = this.triggers.get(String(a.trigger_id));
        if (t === undefined) return { ok: false, error: "invalid_trigger_id" };
        if (t.used) return { ok: false, error: "exchanged_trigger_id" };
        if (now - t.at > 3000) return { ok: false, error: "expired_trigger_id" };
        t.used = true;
        const view = a.view as Record<string, unknown>;
        if (view.type !== "modal") return { ok: false, error: "invalid_arguments" };
        const id = `V${String(++this.seq).padStart(8, "0")}`;
        const stored = { id, hash: `${now}.${this.seq}`, user: t.user, view };
        this.views.set(id, stored);
        return { ok: true, view: { ...view, id, hash: stored.hash, state: { values: {} }, team_id: "T0001" } };
      }
      case "views.update": {
        const v = this.views.get(String(a.view_id));
        if (v === undefined) return { ok: false, error: "not_found" };
        if (a.hash !== undefined && a.hash !== v.hash) return { ok: false, error: "hash_conflict" };
        v.view = a.view as Record<string, unknown>;
        v.hash = `${now}.${++this.seq}`;
        return { ok: true, view: { ...v.view, id: v.id, hash: v.hash, state: { values: {} }, team_id: "T0001" } };
      }
      case "conversations.info":
        return { ok: true, channel: { id: a.channel, is_member: this.memberOf.has(String(a.channel)) } };
      case "users.lookupByEmail": {
        const u = this.emails.get(String(a.email));
        return u
          ? { ok: true, user: { id: u.id, tz: u.tz, profile: { email: a.email } } }
          : { ok: false, error: "users_not_found" };
      }
      case "conversations.open":
        return { ok: true, channel: { id: this.dm(String(a.users)) } };
      case "chat.postMessage": {
        let channel = String(a.channel);
        if (channel.startsWith("U") || channel.startsWith("W")) {
          if (!this.users.has(channel)) return { ok: false, error: "user_not_found" };
          channel = this.dm(channel);
        }
        if (this.globalPerSecond !== null) {
          while (this.recent.length > 0 && now - this.recent[0]! >= 1000) this.recent.shift();
          if (this.recent.length >= this.globalPerSecond) return { status: 429 };
        }
        const last = this.lastPost.get(channel);
        if (this.enforcePerChannel && last !== undefined && now - last < this.perChannelMs) return { status: 429 };
        if (this.workspace !== null && !this.workspace.admit(now)) return { status: 429 };
        this.lastPost.set(channel, now);
        this.recent.push(now);
        const ts = `${Math.floor(now / 1000)}.${String(++this.seq).padStart(6, "0")}`;
        this.messages.push({
          channel,
          ts,
          text: String(a.text ?? ""),
          blocks: (a.blocks as Record<string, unknown>[]) ?? [],
          metadata: a.metadata as SlackMessage["metadata"],
          updates: 0,
          at: now,
        });
        this.onPost?.(this.messages.length);
        return { ok: true, channel, ts };
      }
      case "chat.update": {
        const m = this.messages.find((x) => x.channel === a.channel && x.ts === a.ts);
        if (!m) return { ok: false, error: "message_not_found" };
        m.blocks = (a.blocks as Record<string, unknown>[]) ?? [];
        m.text = String(a.text ?? "");
        m.updates++;
        return { ok: true, channel: m.channel, ts: m.ts };
      }
      case "conversations.history":
        return {
          ok: true,
          messages: this.inChannel(String(a.channel))
            .map((m) => ({ ts: m.ts, text: m.text, metadata: m.metadata }))
            .reverse(),
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
