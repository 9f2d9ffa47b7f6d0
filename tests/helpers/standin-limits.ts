/**
 * How the stand-ins enforce a platform's limits, on their own clock (real time unless a test gives one).
 * A platform states two kinds: "n per window" per conversation (Teams' 7 in 1 s, 8 in 2 s, …; Slack's one a
 * second per channel), kept as sliding windows, and an overall rate with some burst (Slack's workspace cap,
 * Teams' 50 requests a second per app and tenant, a mail relay's messages a minute), kept as a token bucket.
 */
export class SlidingWindow {
  private readonly at = new Map<string, number[]>();

  constructor(
    readonly count: number,
    readonly ms: number,
  ) {}

  fits(key: string, now: number): boolean {
    return (this.at.get(key) ?? []).filter((t) => now - t < this.ms).length < this.count;
  }

  /** Counts one call for `key` at `now` if it fits; false (and nothing counted) if it does not. */
  admit(key: string, now: number): boolean {
    const times = (this.at.get(key) ?? []).filter((t) => now - t < this.ms);
    if (times.length >= this.count) {
      this.at.set(key, times);
      return false;
    }
    times.push(now);
    this.at.set(key, times);
    return true;
  }
}

export class TokenBucket {
  private tokens: number;
  private at: number | null = null;

  constructor(
    /** Calls that may come at once. */
    readonly burst: number,
    readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  admit(now: number): boolean {
    if (this.at !== null) this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** The least time `n` calls can take through this bucket, from the first to the last (ms). */
  minimumMs(n: number): number {
    return (Math.max(0, n - this.burst) / this.perSecond) * 1000;
  }
}

/** Several windows for one key: a call must fit all of them, and is counted in all only then. */
export function admitAll(windows: readonly SlidingWindow[], key: string, now: number): boolean {
  // Check first, count after: a refusal by the third window must not use up the first two.
  for (const w of windows) if (!w.fits(key, now)) return false;
  for (const w of windows) w.admit(key, now);
  return true;
}
