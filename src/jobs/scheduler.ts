import { and, eq, min } from "drizzle-orm";
import type { Statement } from "better-sqlite3";
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/open";
import { truncateWal, walHasFrames } from "../db/traces";
import { jobs, outbox } from "../db/schema";
import type { Logger } from "../log";
import type { DrainStats, OutboxDrainer } from "./outbox";
import { Pump } from "./pump";
import type { JobRunner } from "./queue";
import type { Platform } from "./sender";

/** How often the running scheduler looks whether anyone wrote to the database. */
const WATCH_MS = 200;

/**
 * node-cron is only the clock: every tick asks the database what is due.
 * Work that fell due while the process was down runs on the first tick.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private watch: NodeJS.Timeout | null = null;
  private pumps: Pump[] = [];
  private seen = "";
  private totalChanges: Statement | null = null;

  constructor(
    private readonly db: Db,
    private readonly runner: JobRunner,
    private readonly drainer: OutboxDrainer,
    private readonly logger: Logger,
  ) {}

  /** Runs due jobs, then sends due messages (one pass, for tests that move time by hand). */
  async tick(): Promise<{ jobs: number; outbox: DrainStats }> {
    const ran = this.runJobs();
    const stats = await this.drainer.drainOnce();
    return { jobs: ran, outbox: stats };
  }

  private runJobs(): number {
    const ran = this.runner.runDue();
    // A job may have flushed drafts (a round's close), a truncation may have been held back, a CLI command may
    // have written: the log never keeps a copy of a sent draft for longer than a tick.
    if (walHasFrames(this.db)) truncateWal(this.db);
    return ran;
  }

  /** The next moment anything is due: for tests that jump time, and for logs. */
  nextWakeAt(): Date | null {
    const j =
      this.db
        .select({ at: min(jobs.dueAt) })
        .from(jobs)
        .where(eq(jobs.status, "pending"))
        .get()?.at ?? null;
    const lease =
      this.db
        .select({ at: min(jobs.leaseUntil) })
        .from(jobs)
        .where(eq(jobs.status, "running"))
        .get()?.at ?? null;
    const o =
      this.db
        .select({ at: min(outbox.notBefore) })
        .from(outbox)
        .where(and(eq(outbox.state, "pending")))
        .get()?.at ?? null;
    const times = [j, lease, o].filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
    return times.length === 0 ? null : new Date(Math.min(...times));
  }

  /**
   * Each platform's outbox drains on by itself while anything can go, paced only by that platform's
   * limits and Retry-After (Slack's five a second, Teams' fifty), never by the tick. It is woken by new
   * rows: within WATCH_MS of a commit by another process (the CLI opening a round; SQLite's data_version
   * changes then) or by this one (total_changes), and at the latest by the tick, which also runs jobs.
   */
  start(expression = "*/5 * * * * *"): void {
    const platforms = this.drainer.platforms();
    const onError = (e: unknown) => this.logger.error({ err: e }, "outbox drain failed");
    this.pumps = platforms.map(
      (p: Platform) => new Pump((holdMs, signal) => this.drainer.drainPlatform(p, { holdMs, signal }), onError),
    );
    const wake = (tick: boolean) => {
      try {
        // Only the tick empties the log: a checkpoint on every wake would cost a sync each time.
        if (tick) this.runJobs();
        else this.runner.runDue();
      } catch (e) {
        this.logger.error({ err: e }, "tick failed");
      }
      for (const pump of this.pumps) pump.kick();
    };
    this.task = cron.schedule(expression, () => wake(true), { noOverlap: true });
    this.seen = this.changes();
    this.watch = setInterval(() => {
      const now = this.changes();
      if (now === this.seen) return;
      this.seen = now;
      wake(false);
    }, WATCH_MS);
    this.watch.unref();
    wake(true);
  }

  /** Moves when anyone commits: another connection (data_version) or this one (total_changes). */
  private changes(): string {
    const sqlite = this.db.$client;
    if (!sqlite.open) return this.seen;
    const version = sqlite.pragma("data_version", { simple: true }) as number;
    this.totalChanges ??= sqlite.prepare("SELECT total_changes() AS n").pluck();
    const own = this.totalChanges.get() as number;
    return `${version}:${own}`;
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    await task?.stop();
    await Promise.all(this.pumps.map((p) => p.stop()));
    this.pumps = [];
  }
}
