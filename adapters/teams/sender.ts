import { type CloudAdapter, type ConversationParameters, type ConversationReference, TurnContext } from "botbuilder";
import type { ChatPort, ConversationRef } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { Outbound, Recipient, SendResult, Sender } from "../../src/jobs/sender";
import { cardAttachment } from "./cards";
import { classifyTeamsError } from "./errors";
import type { GraphInstaller } from "./graph";

/** Proactive messages through the Bot Connector, paced to Teams' limits by the outbox. */
export class TeamsSender implements Sender {
  readonly platform = "teams" as const;
  // learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit: per bot and conversation 7 operations
  // a second, 8 in two, 60 in thirty, 1,800 an hour; "the global limit per app per tenant is 50 requests per
  // second". A fan-out writes to a new conversation each time, so the global limit is the one it meets.
  readonly limits = {
    platform: [{ capacity: 20, perMs: 400 }],
    conversation: [
      { capacity: 7, perMs: 1000 },
      { capacity: 8, perMs: 2000 },
      { capacity: 60, perMs: 30_000 },
      { capacity: 1800, perMs: 3_600_000 },
    ],
  };
  // Fifty a second with the Bot Connector answering in 0.1–0.5 s: one at a time could not get near it. The
  // price: Teams cannot be asked what went out, so a crash may repeat the (at most 16) sends in flight.
  // Until one send has gone through, one at a time: it fetches the bot's token, which the rest then reuse
  // (sixteen at once would each fetch one).
  get concurrency(): number {
    return this.warm ? 16 : 1;
  }
  private warm = false;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly chat: Pick<ChatPort, "compose" | "conversation" | "anyConversation" | "rememberConversation">,
    /** With Graph credentials: install the app for people who lack it, before their invitation goes out. */
    private readonly installer: GraphInstaller | null = null,
  ) {}

  async identify(r: Extract<Recipient, { kind: "person" }>): Promise<SendResult | null> {
    if (this.installer === null || r.teamsAadObjectId === null) return null;
    const known = this.chat.conversation(r.personId as PersonId);
    return known ? null : this.installer.install(r.teamsAadObjectId);
  }

  /** A person's 1:1 conversation, or the team channel a leader chose (stored as its reference). */
  private reference(m: Outbound): Partial<ConversationReference> | null {
    if (m.recipient.kind === "channel") {
      try {
        return JSON.parse(m.recipient.channel) as Partial<ConversationReference>;
      } catch {
        return null;
      }
    }
    return this.chat.conversation(m.recipient.personId as PersonId) as Partial<ConversationReference> | null;
  }

  /** Any conversation we know tells us the tenant and the Bot Connector's address. */
  private tenantAndService(): { tenantId: string; serviceUrl: string } | null {
    const known = this.chat.anyConversation() as { serviceUrl?: string; conversation?: { tenantId?: string } } | null;
    return known?.serviceUrl && known.conversation?.tenantId
      ? { serviceUrl: known.serviceUrl, tenantId: known.conversation.tenantId }
      : null;
  }

  /**
   * No stored conversation, but an AAD object id: open the 1:1 chat (tenant +
   * user). Teams allows it only where the app is installed for the user
   * (e.g. by an admin setup policy); otherwise it answers 403.
   */
  private async createPersonal(m: Outbound, aad: string, card: ReturnType<typeof cardAttachment>): Promise<SendResult> {
    const where = this.tenantAndService();
    if (where === null) return { kind: "undeliverable", reason: "Pulsen is not installed for this user in Teams" };
    let id = "";
    let failure: unknown = null;
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        "msteams",
        where.serviceUrl,
        "https://api.botframework.com",
        personalChat(this.appId, aad, where.tenantId),
        async (ctx) => {
          withoutHiddenRetries(ctx.turnState.get(ctx.adapter.ConnectorClientKey));
          try {
            const sent = await ctx.sendActivity({ type: "message", attachments: [card] });
            id = sent?.id ?? "";
            if (m.recipient.kind === "person") {
              const reference = TurnContext.getConversationReference(ctx.activity) as unknown as ConversationRef;
              await this.chat.rememberConversation(m.recipient.personId as PersonId, reference, "keep");
            }
          } catch (e) {
            failure = e;
          }
        },
      );
    } catch (e) {
      failure = e;
    }
    if (failure === null) return { kind: "sent", messageId: id };
    const r = classifyTeamsError(failure);
    return r.kind === "undeliverable" && r.reason.startsWith("403")
      ? { kind: "undeliverable", reason: "Pulsen is not installed for this user in Teams" }
      : r;
  }

  async send(m: Outbound): Promise<SendResult> {
    const reference = this.reference(m);
    if (reference === null && m.replaces === null && m.recipient.kind === "person" && m.recipient.teamsAadObjectId) {
      const message = this.chat.compose(m.intent, m.recipient.personId as PersonId);
      if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
      return this.createPersonal(m, m.recipient.teamsAadObjectId, cardAttachment(message));
    }
    // The most common failure in real roll-outs: the app is not installed for this person.
    if (reference === null) return { kind: "undeliverable", reason: "Pulsen is not installed for this user in Teams" };
    const message = this.chat.compose(
      m.intent,
      m.recipient.kind === "person" ? (m.recipient.personId as PersonId) : null,
    );
    if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
    let id = m.replaces ?? "";
    // The adapter hands errors inside the turn to onTurnError; keep ours to decide on.
    let failure: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        withoutHiddenRetries(ctx.turnState.get(ctx.adapter.ConnectorClientKey));
        try {
          if (m.replaces !== null) {
            // The card we sent before, rewritten in place (e.g. "this survey closed on …").
            await ctx.updateActivity({ id: m.replaces, type: "message", attachments: [cardAttachment(message)] });
          } else {
            const sent = await ctx.sendActivity({ type: "message", attachments: [cardAttachment(message)] });
            id = sent?.id ?? "";
          }
        } catch (e) {
          failure = e;
        }
      });
    } catch (e) {
      failure = e;
    }
    if (failure !== null) return classifyTeamsError(failure);
    this.warm = true;
    return { kind: "sent", messageId: id };
  }
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * The Bot Connector client carries Azure's default retry policy, which waits
 * out a 429's Retry-After and retries 5xx by itself, unseen. Pulsen's outbox
 * makes every retry a recorded decision, so that policy is taken out.
 */
function withoutHiddenRetries(connector: unknown): void {
  (connector as PipelineHolder | undefined)?.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
}

/** The parameters of a new 1:1 chat between the bot and one user of the tenant. */
function personalChat(appId: string, aad: string, tenantId: string): ConversationParameters {
  return {
    isGroup: false,
    bot: { id: `28:${appId}`, name: "Pulsen" },
    members: [{ id: aad, name: "" }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
    // The first message goes out in the new conversation's turn, not with its creation.
    activity: undefined as unknown as ConversationParameters["activity"],
  };
}
