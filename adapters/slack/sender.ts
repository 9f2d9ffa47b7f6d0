import type { WebClient } from "@slack/web-api";
import type { BotMessage } from "../../src/bot/message";
import type { ChatPort } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { Outbound, Recipient, SendResult, Sender } from "../../src/jobs/sender";
import { toBlockKit } from "./blocks";
import { classifySlackError } from "./errors";

const EVENT_TYPE = "pulsen_message";

/**
 * The outbox's Slack sender. The WebClient is built with no retries of its
 * own (see slackClient): every retry is the outbox's recorded decision.
 */
export class SlackSender implements Sender {
  readonly platform = "slack" as const;
  // chat.postMessage "generally allows posting one message per second per channel, while also maintaining a
  // workspace-wide limit" (docs.slack.dev/apis/web-api/rate-limits); that cap is not published, "several
  // hundred a minute" in practice: five a second keeps inside both.
  readonly limits = { platform: [{ capacity: 5, perMs: 1000 }], conversation: [{ capacity: 1, perMs: 1000 }] };
  // Slack answers in about 0.1–0.3 s: a few calls in flight keep five a second going.
  readonly concurrency = 4;

  constructor(
    private readonly client: WebClient,
    private readonly chat: Pick<ChatPort, "compose" | "identified">,
  ) {}

  private target(m: Outbound): string | null {
    return m.recipient.kind === "person" ? m.recipient.slackUserId : m.recipient.channel;
  }

  /** A person with no Slack id in the CSV is looked up by email, once; the id and profile zone are kept. */
  async identify(r: Extract<Recipient, { kind: "person" }>): Promise<SendResult | null> {
    if (r.slackUserId !== null) return null;
    try {
      const res = await this.client.users.lookupByEmail({ email: r.email });
      const id = res.user?.id;
      if (!id) return { kind: "undeliverable", reason: "users_not_found" };
      this.chat.identified(r.personId as PersonId, { slackUserId: id, profileTimezone: res.user?.tz ?? null });
      return null;
    } catch (e) {
      return classifySlackError(e);
    }
  }

  async send(m: Outbound): Promise<SendResult> {
    const channel = this.target(m);
    if (channel === null) return { kind: "undeliverable", reason: "no Slack user id" };
    const message = this.chat.compose(
      m.intent,
      m.recipient.kind === "person" ? (m.recipient.personId as PersonId) : null,
    );
    if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
    if (m.replaces !== null) return this.update(m.replaces, message);
    try {
      const res = await this.client.chat.postMessage({
        channel,
        ...toBlockKit(message),
        metadata: { event_type: EVENT_TYPE, event_payload: { key: m.key } },
      });
      return { kind: "sent", messageId: `${res.channel ?? channel}:${res.ts ?? ""}` };
    } catch (e) {
      return classifySlackError(e);
    }
  }

  /** Rewrites a message we sent (its id is "channel:ts") in place. */
  private async update(messageId: string, message: BotMessage): Promise<SendResult> {
    const [channel, ts] = messageId.split(":");
    if (!channel || !ts) return { kind: "undeliverable", reason: "not a Slack message id" };
    try {
      await this.client.chat.update({ channel, ts, ...toBlockKit(message) });
      return { kind: "sent", messageId };
    } catch (e) {
      return classifySlackError(e);
    }
  }

  /** After a crash mid-send: look for our key in the message metadata of the conversation. */
  async findSent(m: Outbound): Promise<string | null> {
    const user = this.target(m);
    if (user === null) return null;
    try {
      const channel =
        m.recipient.kind === "person"
          ? ((await this.client.conversations.open({ users: user })).channel?.id ?? user)
          : user;
      const history = await this.client.conversations.history({ channel, include_all_metadata: true, limit: 50 });
      const hit = history.messages?.find(
        (x) => (x.metadata?.event_payload as { key?: string } | undefined)?.key === m.key,
      );
      return hit?.ts ? `${channel}:${hit.ts}` : null;
    } catch {
      return null;
    }
  }
}
