import type { ChatPort, WebchatPort } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { Outbound, SendResult, Sender } from "../../src/jobs/sender";

/** Delivers outbox messages into the web chat's history, as a platform would. */
export class WebchatSender implements Sender {
  readonly platform = "webchat" as const;
  readonly limits = { platform: [], conversation: [] };

  constructor(
    private readonly chat: Pick<ChatPort, "compose">,
    private readonly history: Pick<WebchatPort, "append" | "replace" | "sentUnder">,
  ) {}

  async send(m: Outbound): Promise<SendResult> {
    if (m.recipient.kind !== "person") return { kind: "undeliverable", reason: "the web chat has no channels" };
    const personId = m.recipient.personId as PersonId;
    const message = this.chat.compose(m.intent, personId);
    if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
    if (m.replaces !== null) {
      const replaced = this.history.replace(personId, Number(m.replaces), message);
      return replaced
        ? { kind: "sent", messageId: m.replaces }
        : { kind: "undeliverable", reason: "message not found" };
    }
    // A message already there under this key was sent before a crash: that one counts.
    const id = this.history.append(personId, message, m.key) ?? this.history.sentUnder(m.key);
    return { kind: "sent", messageId: String(id) };
  }

  async findSent(m: Outbound): Promise<string | null> {
    const id = this.history.sentUnder(m.key);
    return id === null ? null : String(id);
  }
}
