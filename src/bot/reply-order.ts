/**
 * Replies to taps reach one chat message over the network, and two taps (or
 * a tap and a platform's retry) can race there. The bot computes each state
 * in order; this applies them to the message in that same order, and drops
 * a state that a newer one has overtaken, so the screen never goes back to
 * an older question (DESIGN.md, scheduling and delivery).
 */
export class MessageUpdates {
  private seq = 0;
  private readonly latest = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Call right after the state was computed, with no await in between:
   * the order of calls is the order of states. Resolves when this update was
   * applied or dropped; rejects with the platform's error if applying it failed.
   */
  apply(messageKey: string, send: () => Promise<void>): Promise<void> {
    const mine = ++this.seq;
    this.latest.set(messageKey, mine);
    const run = (this.tails.get(messageKey) ?? Promise.resolve()).then(() =>
      this.latest.get(messageKey) === mine ? send() : undefined,
    );
    const tail = run.then(
      () => this.settle(messageKey, mine),
      () => this.settle(messageKey, mine),
    );
    this.tails.set(messageKey, tail);
    return run;
  }

  private settle(messageKey: string, mine: number): void {
    // The last one out forgets the message, so the maps do not grow.
    if (this.latest.get(messageKey) === mine) {
      this.latest.delete(messageKey);
      this.tails.delete(messageKey);
    }
  }
}
