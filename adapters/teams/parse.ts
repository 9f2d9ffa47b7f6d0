import { z } from "zod";
import { actionSchema } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";
import { COMMENT_INPUT } from "./cards";

/** Where an activity happened: the person's 1:1 chat with the bot, a team's channel, or a group chat. */
type TeamsConversation = "personal" | "channel" | "group";

/** A Teams activity, parsed at the edge into what it means. */
export type TeamsEvent =
  | {
      kind: "card_action";
      aadObjectId: string;
      where: TeamsConversation;
      action: BotAction;
      comment: string | undefined;
      replyToId: string | undefined;
      invoke: boolean;
    }
  /** Typed text, as sent (with its <at>Pulsen</at> mention): the bot's command parser reads it. */
  | { kind: "text"; aadObjectId: string; where: TeamsConversation; text: string; channelName: string | undefined }
  | { kind: "installed"; aadObjectId: string; where: TeamsConversation }
  | { kind: "unsupported"; reason: string };

const base = z.object({
  type: z.string(),
  name: z.string().optional(),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  from: z.object({ id: z.string(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string(), conversationType: z.string().optional(), name: z.string().optional() }),
  channelData: z
    .object({ channel: z.object({ name: z.string().optional() }).optional() })
    .passthrough()
    .optional(),
  value: z.unknown().optional(),
});

const invokeValue = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.string().optional(),
    data: z.record(z.string(), z.unknown()),
  }),
});
const payload = z.object({ pulsen: actionSchema }).passthrough();

export function parseTeamsActivity(raw: unknown): TeamsEvent {
  const a = base.safeParse(raw);
  if (!a.success) return { kind: "unsupported", reason: "not an activity" };
  const act = a.data;
  const aad = act.from.aadObjectId;
  const type = act.conversation.conversationType ?? "personal";
  const where: TeamsConversation = type === "personal" ? "personal" : type === "channel" ? "channel" : "group";
  if (act.type === "installationUpdate" || act.type === "conversationUpdate") {
    return aad ? { kind: "installed", aadObjectId: aad, where } : { kind: "unsupported", reason: "no user" };
  }
  if (aad === undefined) return { kind: "unsupported", reason: "no AAD object id" };
  if (act.type === "invoke" && act.name === "adaptiveCard/action") {
    const v = invokeValue.safeParse(act.value);
    const p = v.success ? payload.safeParse(v.data.action.data) : null;
    if (!p?.success) return { kind: "unsupported", reason: "malformed card action" };
    const comment = v.success ? v.data.action.data[COMMENT_INPUT] : undefined;
    return {
      kind: "card_action",
      aadObjectId: aad,
      where,
      action: p.data.pulsen,
      comment: typeof comment === "string" ? comment : undefined,
      replyToId: act.replyToId,
      invoke: true,
    };
  }
  if (act.type === "message" && act.value !== undefined) {
    const p = payload.safeParse(act.value);
    if (!p.success) return { kind: "unsupported", reason: "malformed card submit" };
    const comment = (act.value as Record<string, unknown>)[COMMENT_INPUT];
    return {
      kind: "card_action",
      aadObjectId: aad,
      where,
      action: p.data.pulsen,
      comment: typeof comment === "string" ? comment : undefined,
      replyToId: act.replyToId,
      invoke: false,
    };
  }
  if (act.type === "message") {
    const channelName = act.channelData?.channel?.name ?? act.conversation.name;
    return { kind: "text", aadObjectId: aad, where, text: (act.text ?? "").slice(0, 4000), channelName };
  }
  return { kind: "unsupported", reason: `activity type ${act.type}` };
}
