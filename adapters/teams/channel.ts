import type { ConversationReference } from "botbuilder";

/**
 * A team channel's conversation reference, built from the person's own 1:1
 * reference (same service URL, bot and tenant) and the channel id the tab's
 * context gives. Posting to it works once Pulsen is added to that team.
 */
export function channelReference(personal: Record<string, unknown>, channelId: string): Partial<ConversationReference> {
  const ref = personal as Partial<ConversationReference>;
  return {
    channelId: "msteams",
    serviceUrl: ref.serviceUrl,
    bot: ref.bot,
    conversation: {
      id: channelId,
      isGroup: true,
      conversationType: "channel",
      tenantId: ref.conversation?.tenantId,
      name: "",
    },
  };
}

/** The channel's name where Teams told us, else just "Teams". */
export function channelLabel(stored: string): string {
  try {
    const ref = JSON.parse(stored) as Partial<ConversationReference>;
    return ref.conversation?.name ? `Teams: ${ref.conversation.name}` : "Teams";
  } catch {
    return "Teams";
  }
}
