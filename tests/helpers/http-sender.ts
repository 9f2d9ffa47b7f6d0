import type { Outbound, SendResult, Sender } from "../../src/jobs/sender";

/** A sender that talks HTTP to the ChatStandIn, as a platform adapter talks to its API. */
export class HttpSender implements Sender {
  readonly platform = "webchat" as const;
  readonly limits = { platform: [], conversation: [] };
  constructor(private readonly base: string) {}

  async send(m: Outbound): Promise<SendResult> {
    const to = m.recipient.kind === "person" ? m.recipient.personId : m.recipient.channel;
    const res = await fetch(`${this.base}/messages`, { method: "POST", body: JSON.stringify({ key: m.key, to }) });
    if (res.status === 429)
      return {
        kind: "rate_limited",
        retryAfterMs: Number(res.headers.get("retry-after") ?? "1") * 1000,
        scope: "platform",
      };
    if (!res.ok) return { kind: "retry", reason: `HTTP ${res.status}` };
    return { kind: "sent", messageId: ((await res.json()) as { id: string }).id };
  }

  async findSent(m: Outbound): Promise<string | null> {
    const res = await fetch(`${this.base}/messages?key=${encodeURIComponent(m.key)}`);
    return res.ok ? ((await res.json()) as { id: string }).id : null;
  }
}
