import { and, eq, min } from "drizzle-orm";
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/open";
import { truncateWal, walHasFrames } from "../db/traces";
import { jobs, outbox } from "../db/schema";
import type { Logger } from "../log";
import type { DrainStats, OutboxDrainer } from "./outbox";
import type { JobRunner } from "./queue";

/**
 * node-cron is only the clock: every tick asks the database what is due.
 * Work that fell due while the process was down runs on the first tick.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly runner: JobRunner,
    private readonly drainer: OutboxDrainer,
    private readonly logger: Logger,
  ) {}

  /** Runs due jobs, then sends due messages. */
  async tick(): Promise<{ jobs: number; outbox: DrainStats }> {
    const ran = this.runner.runDue();
    // A job may have flushed drafts (a round's close), a truncation may have been held back, a CLI command may
    // have written: the log never keeps a copy of a sent draft for longer than a tick.
    if (walHasFrames(this.db)) truncateWal(this.db);
    const stats = await this.drainer.drainOnce();
    return { jobs: ran, outbox: stats };
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

  /** Ticks every few seconds; overlapping ticks are skipped, not stacked. */
  start(expression = "*/5 * * * * *"): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((e: unknown) => this.logger.error({ err: e }, "tick failed"))
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.task = cron.schedule(expression, tick, { noOverlap: true });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
    await this.running;
  }
}
