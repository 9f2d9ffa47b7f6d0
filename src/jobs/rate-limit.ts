/**
 * Token buckets, keyed. A platform states its limits as buckets ("7 per
 * second", "60 per 30 seconds"); a send needs a token from every bucket that
 * applies. Time comes from the caller, so tests drive it with a manual clock.
 */
export interface BucketSpec {
  /** Burst size: tokens when full. */
  capacity: number;
  /** Time to refill the whole bucket. */
  perMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
  blockedUntil: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  private bucket(key: string, spec: BucketSpec, now: number): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: spec.capacity, at: now, blockedUntil: 0 };
      this.buckets.set(key, b);
    }
    const refill = ((now - b.at) / spec.perMs) * spec.capacity;
    b.tokens = Math.min(spec.capacity, b.tokens + refill);
    b.at = now;
    return b;
  }

  /**
   * Takes one token from each bucket if all have one; otherwise takes none
   * and returns how long to wait (ms).
   */
  take(keys: readonly { key: string; spec: BucketSpec }[], now: number): number {
    let wait = 0;
    const got = keys.map(({ key, spec }) => {
      const b = this.bucket(key, spec, now);
      if (b.blockedUntil > now) wait = Math.max(wait, b.blockedUntil - now);
      else if (b.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - b.tokens) / spec.capacity) * spec.perMs));
      return b;
    });
    if (wait > 0) return wait;
    for (const b of got) b.tokens -= 1;
    return 0;
  }

  /** A 429 with Retry-After: nothing goes through this key until then. */
  block(key: string, until: number): void {
    const b = this.buckets.get(key);
    if (b) b.blockedUntil = Math.max(b.blockedUntil, until);
    else this.buckets.set(key, { tokens: 0, at: until, blockedUntil: until });
  }
}
