import { setTimeout as delay } from "node:timers/promises";
import type { Statement } from "better-sqlite3";
import { and, asc, eq, gt, lte, min, sql } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import { DEFAULT_WINDOW, nextAllowed } from "../core/quiet-hours";
import { answerWindow } from "../core/round";
import type { Db } from "../db/open";
import { personLocale, personTimezone } from "../db/org-store";
import { invitations, organizations, outbox, people, rounds, type OutboxRow, type RoundRow } from "../db/schema";
import type { Logger } from "../log";
import { type Intent, parseIntent } from "./intent";
import { backoffMs } from "./queue";
import { InFlight } from "./in-flight";
import { RateLimiter } from "./rate-limit";
import type { Platform, Recipient, SendResult, Sender } from "./sender";

export interface DrainOptions {
  batch: number;
  /** How long a send may be in flight before a restart treats it as unknown. */
  leaseMs: number;
  maxAttempts: number;
  random: () => number;
  /** How a lane waits out its platform's pacing (real time; the limiter reads the clock). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const ROUND_TTL_MS = 1_000;

const DEFAULTS: DrainOptions = {
  batch: 200,
  leaseMs: 120_000,
  maxAttempts: 8,
  random: Math.random,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

export interface DrainStats {
  sent: number;
  deferred: number;
  retried: number;
  undeliverable: number;
  cancelled: number;
  failed: number;
  /** ms until the earliest message held back by a rate limit could go, or null. */
  waitMs: number | null;
}

/**
 * Sends what is due, one platform call per row, within each platform's rate
 * limits and each recipient's send window. State moves pending → sending →
 * sent | pending (retry) | failed | undeliverable | cancelled, and each move
 * is committed before the next call, so a restart resumes where it stopped.
 */
export class OutboxDrainer {
  private readonly opts: DrainOptions;
  private readonly limiter = new RateLimiter();
  private readonly rounds = new Map<string, { row: RoundRow | undefined; at: number }>();
  /** Each platform's drain in progress: the next one for that platform starts after it. */
  private readonly lanes = new Map<Platform, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly senders: Partial<Record<Platform, Sender>>,
    private readonly logger: Logger,
    opts: Partial<DrainOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  private queries: ReturnType<OutboxDrainer["prepareQueries"]> | null = null;

  /** What every message asks, prepared once: drizzle would build and prepare each query per message. */
  private prepareQueries() {
    const person = this.db
      .select({
        id: people.id,
        email: people.email,
        slackUserId: people.slackUserId,
        teamsAadObjectId: people.teamsAadObjectId,
        phone: people.phone,
        locale: personLocale,
        timezone: personTimezone,
      })
      .from(people)
      .where(eq(people.id, sql.placeholder("id")))
      .prepare();
    const invitation = this.db
      .select({ completed: invitations.completed })
      .from(invitations)
      .where(
        and(eq(invitations.roundId, sql.placeholder("round")), eq(invitations.personId, sql.placeholder("person"))),
      )
      .prepare();
    return { person, invitation };
  }

  /** The organization's defaults, read once per pass rather than once per message. */
  private org: { locale: Locale; tz: string } | undefined;

  private recipient(row: OutboxRow): Recipient | null {
    const org = this.org;
    const orgLocale: Locale = org?.locale ?? DEFAULT_LOCALE;
    if (row.personId === null)
      return row.channel === null ? null : { kind: "channel", channel: row.channel, locale: orgLocale };
    this.queries ??= this.prepareQueries();
    const p = this.queries.person.get({ id: row.personId });
    if (p === undefined) return null;
    return {
      kind: "person",
      personId: p.id,
      email: p.email,
      slackUserId: p.slackUserId,
      teamsAadObjectId: p.teamsAadObjectId,
      phone: p.phone,
      locale: p.locale ?? orgLocale,
      timezone: p.timezone ?? org?.tz ?? DEFAULT_TIME_ZONE,
    };
  }

  /**
   * The row's intent, checked. One that does not parse (an older version's, a hand edit) can never be
   * sent as meant: it fails for good, with its key and the failing fields logged, never its text.
   */
  private readIntent(row: OutboxRow, stats: DrainStats): Intent | null {
    const parsed = parseIntent(row.intent);
    if (parsed.ok) return parsed.intent;
    this.set(row.id, { state: "failed", reason: parsed.reason, leaseUntil: null });
    stats.failed++;
    this.logger.error({ key: row.key, reason: parsed.reason }, "message failed: its stored intent does not parse");
    return null;
  }

  /** Why a queued message should no longer go out, if it should not. */
  private staleReason(row: OutboxRow, intent: Intent, now: Date): string | null {
    const kind = intent.kind;
    // Only the asking (and the halfway nudge) is tied to the round being open; digests and closed notices go out after.
    if (row.roundId === null || (kind !== "invite" && kind !== "remind" && kind !== "nudge")) return null;
    const round = this.round(row.roundId);
    if (round === undefined) return "round missing";
    if (!answerWindow(round, now).open) return "round closed";
    if (row.personId !== null) {
      this.queries ??= this.prepareQueries();
      const inv = this.queries.invitation.get({ round: row.roundId, person: row.personId });
      if (inv?.completed && kind === "remind") return "already answered";
    }
    return null;
  }

  private windowFor(row: OutboxRow) {
    if (row.roundId === null) return DEFAULT_WINDOW;
    return this.round(row.roundId)?.plan?.window ?? DEFAULT_WINDOW;
  }

  /**
   * A round as read in this drain at most ROUND_TTL_MS ago (real time): a fan-out asks about the same round
   * for every message, and a close or an extension reaches the outbox within that second all the same.
   */
  private round(roundId: string): RoundRow | undefined {
    const cached = this.rounds.get(roundId);
    const at = performance.now();
    if (cached !== undefined && at - cached.at < ROUND_TTL_MS) return cached.row;
    const row = this.db.select().from(rounds).where(eq(rounds.id, roundId)).get();
    this.rounds.set(roundId, { row, at });
    return row;
  }

  /** The two moves every message makes, prepared once (drizzle would build and prepare them each time). */
  private moves: { sending: Statement; sent: Statement } | null = null;

  private markSending(id: number, attempts: number, leaseUntil: Date): void {
    this.moves ??= this.prepareMoves();
    this.moves.sending.run(attempts, leaseUntil.getTime(), id);
  }

  private markSent(id: number, messageId: string, at: Date): void {
    this.moves ??= this.prepareMoves();
    this.moves.sent.run(messageId, at.getTime(), id);
  }

  private prepareMoves(): { sending: Statement; sent: Statement } {
    const sqlite = this.db.$client;
    return {
      sending: sqlite.prepare("UPDATE outbox SET state = 'sending', attempts = ?, lease_until = ? WHERE id = ?"),
      sent: sqlite.prepare(
        "UPDATE outbox SET state = 'sent', platform_message_id = ?, sent_at = ?, lease_until = NULL, reason = NULL " +
          "WHERE id = ?",
      ),
    };
  }

  private set(id: number, values: Partial<typeof outbox.$inferInsert>): void {
    this.db.update(outbox).set(values).where(eq(outbox.id, id)).run();
  }

  private markUndeliverable(row: OutboxRow, reason: string): void {
    this.db.transaction((tx) => {
      tx.update(outbox).set({ state: "undeliverable", reason, leaseUntil: null }).where(eq(outbox.id, row.id)).run();
      // Only the invitation says whether a person can be reached. A reminder or a rewrite in place goes
      // only to someone who had not answered: its failure in HR's list would name them (rule 6).
      const parsed = parseIntent(row.intent);
      const invitation = parsed.ok && parsed.intent.kind === "invite";
      if (row.roundId !== null && row.personId !== null && row.replaces === null && invitation) {
        tx.update(invitations)
          .set({ undeliverable: reason })
          .where(and(eq(invitations.roundId, row.roundId), eq(invitations.personId, row.personId)))
          .run();
      }
    });
  }

  /** Writes down what the platform answered: the outbox's one decision point. */
  private record(
    row: OutboxRow,
    result: SendResult,
    attempts: number,
    pauseKeys: { platform: string; conversation: string },
    stats: DrainStats,
  ): void {
    const after = this.clock.now();
    switch (result.kind) {
      case "sent":
        this.markSent(row.id, result.messageId, after);
        stats.sent++;
        break;
      case "rate_limited": {
        const until = after.getTime() + result.retryAfterMs;
        this.limiter.pause(pauseKeys[result.scope], until);
        // A 429 is the platform pacing us, not a failure: it does not use up an attempt.
        this.set(row.id, {
          state: "pending",
          attempts: row.attempts,
          notBefore: new Date(until),
          leaseUntil: null,
          reason: "rate limited",
        });
        stats.retried++;
        break;
      }
      case "retry":
        if (attempts >= this.opts.maxAttempts) {
          this.set(row.id, { state: "failed", reason: result.reason, leaseUntil: null });
          stats.failed++;
          this.logger.error({ key: row.key, reason: result.reason }, "message failed for good");
        } else {
          this.set(row.id, {
            state: "pending",
            attempts,
            reason: result.reason,
            leaseUntil: null,
            notBefore: new Date(after.getTime() + backoffMs(attempts, this.opts.random)),
          });
          stats.retried++;
        }
        break;
      case "undeliverable":
        this.markUndeliverable(row, result.reason);
        stats.undeliverable++;
        this.logger.warn({ key: row.key, reason: result.reason }, "message undeliverable");
        break;
    }
  }

  /** Sends left in flight by a crash: confirmed with the platform if it can tell, else sent again. */
  private async recoverInFlight(now: Date, stats: DrainStats, platform: Platform | null): Promise<void> {
    const stuck = this.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.state, "sending"),
          lte(outbox.leaseUntil, now),
          platform === null ? undefined : eq(outbox.platform, platform),
        ),
      )
      .all();
    for (const row of stuck) {
      const intent = this.readIntent(row, stats);
      if (intent === null) continue;
      const sender = this.senders[row.platform];
      const recipient = this.recipient(row);
      const outbound = recipient ? { key: row.key, recipient, intent, replaces: row.replaces } : null;
      // An update in place is simply made again: it changes the same message to the same text.
      const found = sender?.findSent && outbound && row.replaces === null ? await sender.findSent(outbound) : null;
      if (found !== null) this.set(row.id, { state: "sent", platformMessageId: found, sentAt: now, leaseUntil: null });
      else this.set(row.id, { state: "pending", leaseUntil: null });
    }
  }

  /** The platforms this process can send to. */
  platforms(): Platform[] {
    return (Object.keys(this.senders) as Platform[]).filter((p) => this.senders[p] !== undefined);
  }

  /** One pass over what is due now, every platform at once; it never waits for a rate limit. */
  async drainOnce(): Promise<DrainStats> {
    const stats = emptyStats();
    await this.recoverInFlight(this.clock.now(), stats, null);
    const lanes = this.platforms().map((p) => this.drainPlatform(p, { recover: false }));
    for (const s of await Promise.all(lanes)) addStats(stats, s);
    return stats;
  }

  /**
   * Sends one platform's due messages. With `holdMs` > 0 it waits out that platform's own pacing when
   * the wait is no longer than that, and goes on batch after batch until nothing more can go now: a
   * fan-out then runs at the platform's rate instead of one bucket per pass. Calls for one platform
   * run one after the other, so no row is ever picked twice.
   */
  drainPlatform(platform: Platform, o: { holdMs?: number; signal?: AbortSignal; recover?: boolean } = {}) {
    const previous = this.lanes.get(platform) ?? Promise.resolve();
    const next = previous.then(async (): Promise<DrainStats> => {
      const stats = emptyStats();
      if (o.recover !== false) await this.recoverInFlight(this.clock.now(), stats, platform);
      await this.lane(platform, { holdMs: o.holdMs ?? 0, signal: o.signal }, stats);
      return stats;
    });
    this.lanes.set(
      platform,
      next.then(
        () => undefined,
        () => undefined,
      ),
    );
    return next;
  }

  private async lane(platform: Platform, hold: Hold, stats: DrainStats): Promise<void> {
    const sender = this.senders[platform];
    // No sender for this platform in this process (yet): its messages wait, they are not lost.
    if (sender === undefined) return;
    this.org = this.db
      .select({ locale: organizations.defaultLocale, tz: organizations.defaultTimezone })
      .from(organizations)
      .limit(1)
      .get();
    const pool = new InFlight(() => sender.concurrency ?? 1);
    // Every drain reads the rounds afresh: a test (or an operator) may have closed one just before.
    this.rounds.clear();
    try {
      for (;;) {
        const due = this.db
          .select()
          .from(outbox)
          .where(
            and(eq(outbox.state, "pending"), eq(outbox.platform, platform), lte(outbox.notBefore, this.clock.now())),
          )
          .orderBy(asc(outbox.notBefore), asc(outbox.id))
          .limit(this.opts.batch)
          .all();
        let started = 0;
        let stop = false;
        for (const row of due) {
          if (hold.signal?.aborted) {
            stop = true; // the server is stopping: what is left waits for the next start
            break;
          }
          await pool.room();
          const step = await this.prepare(row, sender, hold, stats);
          if (step === "stop") {
            stop = true;
            break;
          }
          if (step === null) continue;
          pool.start(() => this.deliver(row, sender, step, stats));
          started++;
        }
        // Without a hold this is one pass, as a test or a tick expects; with one, the next batch follows.
        if (hold.holdMs <= 0 || stop || started === 0) break;
      }
    } finally {
      await pool.idle();
    }
    // Held back for a moment (a 429's Retry-After, a retry's backoff): say when, so the pump comes back then.
    if (hold.holdMs > 0) this.noteNextDue(platform, stats);
  }

  /** Only rows not yet due: one due now but skipped (its conversation's limit) has noted its own wait. */
  private noteNextDue(platform: Platform, stats: DrainStats): void {
    const now = this.clock.now();
    const next = this.db
      .select({ at: min(outbox.notBefore) })
      .from(outbox)
      .where(and(eq(outbox.state, "pending"), eq(outbox.platform, platform), gt(outbox.notBefore, now)))
      .get()?.at;
    if (next) noteWait(stats, Math.max(1, new Date(next).getTime() - now.getTime()));
  }

  /** Waits for the platform's own pacing if that is short enough; false when the lane must stop. */
  private async platformReady(sender: Sender, hold: Hold, stats: DrainStats): Promise<boolean> {
    for (;;) {
      const before = this.clock.now().getTime();
      const wait = this.limiter.peek(platformKeys(sender), [sender.platform], before);
      if (wait <= 0) return true;
      if (wait > hold.holdMs || hold.signal?.aborted) {
        noteWait(stats, wait);
        return false;
      }
      try {
        await this.opts.sleep(wait, hold.signal);
      } catch {
        noteWait(stats, wait); // stopped while waiting
        return false;
      }
      // A clock that does not move (a test's manual one) would wait for ever: hand the wait back instead.
      if (this.clock.now().getTime() === before) {
        noteWait(stats, wait);
        return false;
      }
    }
  }

  /** Everything before the call, for one row: null to skip it, "stop" when the platform must wait. */
  private async prepare(row: OutboxRow, sender: Sender, hold: Hold, stats: DrainStats): Promise<Ready | null | "stop"> {
    const intent = this.readIntent(row, stats);
    if (intent === null) return null;
    if (!(await this.platformReady(sender, hold, stats))) return "stop";
    const now = this.clock.now();
    const stale = this.staleReason(row, intent, now);
    if (stale !== null) {
      this.set(row.id, { state: "cancelled", reason: stale });
      stats.cancelled++;
      return null;
    }
    let recipient = this.recipient(row);
    if (recipient === null) {
      this.markUndeliverable(row, "recipient no longer exists");
      stats.undeliverable++;
      return null;
    }
    if (recipient.kind === "person" && sender.identify) {
      // Find the person on the platform first (e.g. by email), so their own profile's zone applies below.
      const problem = await sender.identify(recipient);
      if (problem !== null) {
        const conversation = `${row.platform}:person:${recipient.personId}`;
        this.record(row, problem, row.attempts + 1, { platform: row.platform, conversation }, stats);
        return null;
      }
      recipient = this.recipient(row) ?? recipient;
    }
    // An update in place notifies nobody: it need not wait for the send window.
    if (recipient.kind === "person" && row.replaces === null) {
      const allowed = nextAllowed(now, recipient.timezone, this.windowFor(row));
      if (allowed.getTime() > now.getTime()) {
        this.set(row.id, { notBefore: allowed });
        stats.deferred++;
        return null;
      }
    }
    const conversation = recipient.kind === "person" ? `person:${recipient.personId}` : `channel:${recipient.channel}`;
    const pauseKeys = { platform: row.platform, conversation: `${row.platform}:${conversation}` };
    const wait = this.limiter.take(
      [
        ...platformKeys(sender),
        ...sender.limits.conversation.map((spec, i) => ({ key: `${pauseKeys.conversation}:${i}`, spec })),
      ],
      [pauseKeys.platform, pauseKeys.conversation],
      this.clock.now().getTime(),
    );
    if (wait > 0) {
      noteWait(stats, wait);
      return null;
    }
    const attempts = row.attempts + 1;
    // Committed before the call: a crash from here on leaves a lease that a restart resolves.
    this.markSending(row.id, attempts, new Date(now.getTime() + this.opts.leaseMs));
    return { intent, recipient, attempts, pauseKeys };
  }

  private async deliver(row: OutboxRow, sender: Sender, r: Ready, stats: DrainStats): Promise<void> {
    let result: SendResult;
    try {
      result = await sender.send({ key: row.key, recipient: r.recipient, intent: r.intent, replaces: row.replaces });
    } catch (e) {
      result = { kind: "retry", reason: e instanceof Error ? e.message : String(e) };
    }
    try {
      this.record(row, result, r.attempts, r.pauseKeys, stats);
    } catch (e) {
      // The row keeps its lease: a restart (or the lease's end) settles it. Never an unhandled rejection.
      this.logger.error({ key: row.key, err: e }, "could not record a send");
    }
  }
}

/** How long a lane may wait for its platform's pacing, and what stops it waiting. */
interface Hold {
  holdMs: number;
  signal: AbortSignal | undefined;
}

interface Ready {
  intent: Intent;
  recipient: Recipient;
  attempts: number;
  pauseKeys: { platform: string; conversation: string };
}

function platformKeys(sender: Sender) {
  return sender.limits.platform.map((spec, i) => ({ key: `${sender.platform}:${i}`, spec }));
}

function noteWait(stats: DrainStats, wait: number): void {
  stats.waitMs = stats.waitMs === null ? wait : Math.min(stats.waitMs, wait);
}

function emptyStats(): DrainStats {
  return { sent: 0, deferred: 0, retried: 0, undeliverable: 0, cancelled: 0, failed: 0, waitMs: null };
}

function addStats(into: DrainStats, s: DrainStats): void {
  into.sent += s.sent;
  into.deferred += s.deferred;
  into.retried += s.retried;
  into.undeliverable += s.undeliverable;
  into.cancelled += s.cancelled;
  into.failed += s.failed;
  if (s.waitMs !== null) noteWait(into, s.waitMs);
}
