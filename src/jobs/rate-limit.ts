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
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly pauses = new Map<string, number>();

  private bucket(key: string, spec: BucketSpec, now: number): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: spec.capacity, at: now };
      this.buckets.set(key, b);
    }
    const refill = ((now - b.at) / spec.perMs) * spec.capacity;
    b.tokens = Math.min(spec.capacity, b.tokens + refill);
    b.at = now;
    return b;
  }

  /**
   * Takes one token from each bucket if all have one and no pause applies;
   * otherwise takes none and returns how long to wait (ms).
   */
  take(keys: readonly { key: string; spec: BucketSpec }[], pauses: readonly string[], now: number): number {
    let wait = 0;
    for (const p of pauses) wait = Math.max(wait, (this.pauses.get(p) ?? 0) - now);
    const got = keys.map(({ key, spec }) => {
      const b = this.bucket(key, spec, now);
      if (b.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - b.tokens) / spec.capacity) * spec.perMs));
      return b;
    });
    if (wait > 0) return wait;
    for (const b of got) b.tokens -= 1;
    return 0;
  }

  /** How long until `take` would succeed for these keys, without taking anything. */
  peek(keys: readonly { key: string; spec: BucketSpec }[], pauses: readonly string[], now: number): number {
    let wait = 0;
    for (const p of pauses) wait = Math.max(wait, (this.pauses.get(p) ?? 0) - now);
    for (const { key, spec } of keys) {
      const b = this.bucket(key, spec, now);
      if (b.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - b.tokens) / spec.capacity) * spec.perMs));
    }
    return wait;
  }

  /** A 429 with Retry-After: nothing under this pause key goes until then. */
  pause(key: string, until: number): void {
    this.pauses.set(key, Math.max(this.pauses.get(key) ?? 0, until));
  }
}
