/**
 * Sends in flight at once, at most `limit` of them. A platform's answer takes a round trip; waiting
 * for each before starting the next would cap a fan-out at one message per round trip, far below what
 * Teams or a mail relay allow. Each task records its own outcome, so none waits for the slowest.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  /** Asked each time: a sender may allow more once it is warmed up (a token fetched). */
  constructor(private readonly limit: () => number) {}

  /** Resolves once there is room for one more task. */
  async room(): Promise<void> {
    while (this.running.size >= Math.max(1, this.limit())) await Promise.race(this.running);
  }

  /** Starts a task; it must not throw (a failure is an outcome the task records itself). */
  start(task: () => Promise<void>): void {
    const p: Promise<void> = task().finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves when every task started so far has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
