/**
 * Activities already taken, by key (the activity id and who sent it): when the channel delivers an
 * activity again (it got no answer in time, a network blip), the redelivery gets the first delivery's
 * answer, and the turn runs once. A delivery that failed is forgotten, so its redelivery runs. Bounded:
 * the oldest key goes first; in memory only, so after a restart a redelivery runs (its first was lost).
 */
export class Redeliveries<T> {
  private readonly seen = new Map<string, Promise<T>>();
  constructor(private readonly capacity = 10_000) {}

  run(key: string | null, work: () => Promise<T>): Promise<T> {
    if (key === null) return work();
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    const running = work();
    this.seen.set(key, running);
    running.catch(() => this.seen.delete(key));
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return running;
  }
}
