import type { Clock } from "../../src/core/clock";
import type { BucketSpec } from "../../src/jobs/rate-limit";
import type { Outbound, Platform, SendResult, Sender } from "../../src/jobs/sender";

export interface Delivery {
  key: string;
  at: Date;
  to: string;
  kind: string;
  /** The message it rewrote in place, if it was an update. */
  replaces: string | null;
}

/**
 * The far side of a chat platform, in memory: records every delivery with
 * the time it arrived, and can answer like the real thing (429 with
 * Retry-After, 5xx, user gone) for the next calls.
 */
export class FakeSender implements Sender {
  readonly deliveries: Delivery[] = [];
  private readonly script: SendResult[] = [];
  calls = 0;

  constructor(
    private readonly clock: Clock,
    readonly platform: Platform = "webchat",
    readonly limits: { platform: BucketSpec[]; conversation: BucketSpec[] } = { platform: [], conversation: [] },
  ) {}

  /** The next calls answer with these results, in order, instead of succeeding. */
  answerNext(...results: SendResult[]): void {
    this.script.push(...results);
  }

  async send(m: Outbound): Promise<SendResult> {
    this.calls++;
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const to = m.recipient.kind === "person" ? m.recipient.personId : m.recipient.channel;
    this.deliveries.push({ key: m.key, at: this.clock.now(), to, kind: m.intent.kind, replaces: m.replaces });
    return { kind: "sent", messageId: `m${this.deliveries.length}` };
  }

  to(personId: string): Delivery[] {
    return this.deliveries.filter((d) => d.to === personId);
  }
}
