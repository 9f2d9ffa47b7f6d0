import type { DrainStats } from "./outbox";

/** A wait longer than this is left to the scheduler's tick (a retry's backoff, a send window). */
const HOLD_LIMIT_MS = 5_000;

/**
 * One platform's outbox, drained again and again while anything can go: after a pass that sent
 * something it runs again at once, after one held by a rate limit when that lifts, and a kick while it
 * runs (new rows) makes it look again. Idle otherwise, until the next kick.
 */
export class Pump {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly drain: (holdMs: number, signal: AbortSignal) => Promise<DrainStats>,
    private readonly onError: (e: unknown) => void,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.wakeUp?.();
      return;
    }
    this.running = this.loop()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      const stats = await this.drain(HOLD_LIMIT_MS, this.abort.signal);
      if (this.stopped || this.again || stats.sent > 0 || stats.retried > 0) continue;
      if (stats.waitMs === null || stats.waitMs >= HOLD_LIMIT_MS) return;
      await this.sleep(Math.max(1, stats.waitMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.wakeUp = null;
        resolve();
      };
      this.timer = setTimeout(this.wakeUp, ms);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wakeUp?.();
    await this.running;
  }
}
