import type { Clock } from "../../src/core/clock";

/** Unknown links one client may try per minute before it must wait. */
const GUESSES_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
/** Past this many clients the expired windows are dropped, so a spray of addresses cannot grow memory forever. */
const PRUNE_AT = 10_000;

/**
 * Counts unknown-link requests per client address in one-minute windows. While a client is over the limit
 * every link request of theirs is refused before any lookup, so a guesser learns nothing more, not even
 * that a guess was right. Kept in memory: Pulsen is one process, and a restart only forgives a minute.
 */
export class GuessLimiter {
  private readonly windows = new Map<string, { start: number; misses: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit = GUESSES_PER_MINUTE,
  ) {}

  /** Seconds until this client may try again; 0 when it may now. */
  retryAfter(client: string): number {
    const w = this.current(client);
    if (w === undefined || w.misses < this.limit) return 0;
    return Math.max(1, Math.ceil((w.start + WINDOW_MS - this.clock.now().getTime()) / 1000));
  }

  miss(client: string): void {
    const now = this.clock.now().getTime();
    const w = this.current(client);
    if (w !== undefined) {
      w.misses++;
      return;
    }
    if (this.windows.size >= PRUNE_AT) this.prune(now);
    this.windows.set(client, { start: now, misses: 1 });
  }

  private current(client: string) {
    const w = this.windows.get(client);
    return w !== undefined && w.start + WINDOW_MS > this.clock.now().getTime() ? w : undefined;
  }

  private prune(now: number): void {
    for (const [client, w] of this.windows) if (w.start + WINDOW_MS <= now) this.windows.delete(client);
  }
}
