import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { Logger } from "../log";
import type { Db, Store, Tx } from "../db/open";
import { jobs, type JobRow } from "../db/schema";
import { type Job, type JobKind, type JobPayload, type StoredJob, jobKey, parseJob } from "./job";

export type { JobKind };

export type NewJob = Job & {
  dueAt: Date;
  /** A second enqueue with the same key is a no-op. Defaults to the job's own key (./job). */
  key?: string;
};

/** Inserts a job unless one with the same key exists; true if inserted. */
export function enqueueJob(store: Store, job: NewJob, now: Date): boolean {
  const key = job.key ?? jobKey(job);
  const r = store
    .insert(jobs)
    .values({ kind: job.kind, dueAt: job.dueAt, payload: job.payload, idempotencyKey: key, createdAt: now })
    .onConflictDoNothing()
    .run();
  return r.changes > 0;
}

/**
 * A handler does database work only, synchronously, inside the transaction
 * that marks its job done: a crash before commit re-runs it, never twice.
 */
type JobHandler<K extends JobKind = JobKind> = (tx: Tx, payload: JobPayload<K>, job: JobRow) => void;

/** Each kind's handler, taking that kind's parsed payload. */
export type JobHandlers = { readonly [K in JobKind]?: JobHandler<K> };

export interface JobRunnerOptions {
  leaseMs: number;
  maxAttempts: number;
  batch: number;
  /** 0–1, for backoff jitter; injectable so tests are exact. */
  random: () => number;
}

const DEFAULTS: JobRunnerOptions = { leaseMs: 60_000, maxAttempts: 5, batch: 50, random: Math.random };

/** Exponential backoff from 30 s, capped at an hour, ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class JobRunner {
  private readonly opts: JobRunnerOptions;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly handlers: JobHandlers,
    private readonly logger: Logger,
    opts: Partial<JobRunnerOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Claims a batch of due jobs (and any whose lease ran out), under a lease. */
  private claim(now: Date): JobRow[] {
    return this.db.transaction((tx) => {
      const due = tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          or(
            and(eq(jobs.status, "pending"), lte(jobs.dueAt, now)),
            and(eq(jobs.status, "running"), lte(jobs.leaseUntil, now)),
          ),
        )
        .orderBy(jobs.dueAt, jobs.id)
        .limit(this.opts.batch)
        .all()
        .map((j) => j.id);
      if (due.length === 0) return [];
      return tx
        .update(jobs)
        .set({
          status: "running",
          leaseUntil: new Date(now.getTime() + this.opts.leaseMs),
          attempts: sql`${jobs.attempts} + 1`,
        })
        .where(inArray(jobs.id, due))
        .returning()
        .all()
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
    });
  }

  /** A job whose kind or payload does not parse can never run as meant: parked at once, not retried. */
  private park(job: JobRow, reason: string, now: Date): void {
    const parked = { status: "parked" as const, leaseUntil: null, lastError: reason, finishedAt: now };
    this.db.update(jobs).set(parked).where(eq(jobs.id, job.id)).run();
    this.logger.error({ job: job.id, kind: job.kind, reason }, "job parked: its stored payload does not parse");
  }

  private runOne(job: JobRow): void {
    const now = this.clock.now();
    const parsed = parseJob(job.kind, job.payload);
    if (!parsed.ok) {
      this.park(job, parsed.reason, now);
      return;
    }
    const { kind, payload } = parsed.job;
    // The handler for a kind takes that kind's payload, which parseJob has just checked.
    const handler = this.handlers[kind] as ((tx: Tx, payload: StoredJob["payload"], job: JobRow) => void) | undefined;
    try {
      if (handler === undefined) throw new Error(`no handler for job kind "${job.kind}"`);
      this.db.transaction((tx) => {
        handler(tx, payload, job);
        tx.update(jobs)
          .set({ status: "done", leaseUntil: null, finishedAt: now, lastError: null })
          .where(eq(jobs.id, job.id))
          .run();
      });
    } catch (e) {
      // The handler's own writes rolled back with its transaction. Handlers
      // never put answer values in errors, so the message is safe to keep.
      const error = e instanceof Error ? e.message : String(e);
      const parked = job.attempts >= this.opts.maxAttempts;
      this.db
        .update(jobs)
        .set(
          parked
            ? { status: "parked", leaseUntil: null, lastError: error, finishedAt: now }
            : {
                status: "pending",
                leaseUntil: null,
                lastError: error,
                dueAt: new Date(now.getTime() + backoffMs(job.attempts, this.opts.random)),
              },
        )
        .where(eq(jobs.id, job.id))
        .run();
      const fields = { job: job.id, kind: job.kind, attempt: job.attempts, err: e };
      this.logger[parked ? "error" : "warn"](fields, parked ? "job parked" : "job failed, will retry");
    }
  }

  /** Runs everything due now, batch after batch; returns how many ran. */
  runDue(): number {
    let ran = 0;
    for (;;) {
      const batch = this.claim(this.clock.now());
      if (batch.length === 0) return ran;
      for (const job of batch) this.runOne(job);
      ran += batch.length;
    }
  }
}

/** Jobs waiting for the operator: failed too often. */
export function parkedJobs(db: Db): JobRow[] {
  return db.select().from(jobs).where(eq(jobs.status, "parked")).all();
}
