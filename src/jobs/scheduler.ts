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
/** Between ticks, a drain that sent something runs again at once; one held by a rate limit, when it lifts. */
const FOLLOW_UP_LIMIT_MS = 5_000;

export class Scheduler {
  private task: ScheduledTask | null = null;
  private running: Promise<void> | null = null;
  private followUp: NodeJS.Timeout | null = null;

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

  /**
   * Ticks every few seconds; overlapping ticks are skipped, not stacked. While messages are due the
   * outbox does not wait for the next tick: it drains again as soon as the platforms' limits allow, so a
   * fan-out is paced by the platform (Slack's five a second), not by the clock of the tick.
   */
  start(expression = "*/5 * * * * *"): void {
    const tick = () => {
      if (this.running) return;
      if (this.followUp) clearTimeout(this.followUp);
      this.followUp = null;
      this.running = this.tick()
        .then(({ outbox }) => {
          if (this.task === null) return;
          const wait = outbox.sent > 0 || outbox.retried > 0 ? 0 : outbox.waitMs;
          if (wait !== null && wait < FOLLOW_UP_LIMIT_MS) this.followUp = setTimeout(tick, Math.max(wait, 1));
        })
        .catch((e: unknown) => this.logger.error({ err: e }, "tick failed"))
        .finally(() => {
          this.running = null;
        });
    };
    this.task = cron.schedule(expression, tick, { noOverlap: true });
    tick();
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    if (this.followUp) clearTimeout(this.followUp);
    this.followUp = null;
    await task?.stop();
    await this.running;
  }
}
