import { z } from "zod";
import { actionSchema } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";
import { COMMENT_INPUT } from "./cards";

/** A Teams activity, parsed at the edge into what it means. */
export type TeamsEvent =
  | { kind: "card_action"; aadObjectId: string; action: BotAction; comment: string | undefined; replyToId: string | undefined; invoke: boolean }
  | { kind: "text"; aadObjectId: string; text: string; inChannel: boolean; channelName: string | undefined }
  | { kind: "installed"; aadObjectId: string }
  | { kind: "unsupported"; reason: string };

const base = z.object({
  type: z.string(),
  name: z.string().optional(),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  from: z.object({ id: z.string(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string(), conversationType: z.string().optional(), name: z.string().optional() }),
  channelData: z.object({ channel: z.object({ name: z.string().optional() }).optional() }).passthrough().optional(),
  value: z.unknown().optional(),
});

const invokeValue = z.object({ action: z.object({ type: z.literal("Action.Execute"), verb: z.string().optional(), data: z.record(z.string(), z.unknown()) }) });
const payload = z.object({ pulsen: actionSchema }).passthrough();

export function parseTeamsActivity(raw: unknown): TeamsEvent {
  const a = base.safeParse(raw);
  if (!a.success) return { kind: "unsupported", reason: "not an activity" };
  const act = a.data;
  const aad = act.from.aadObjectId;
  if (act.type === "installationUpdate" || act.type === "conversationUpdate") return aad ? { kind: "installed", aadObjectId: aad } : { kind: "unsupported", reason: "no user" };
  if (aad === undefined) return { kind: "unsupported", reason: "no AAD object id" };
  if (act.type === "invoke" && act.name === "adaptiveCard/action") {
    const v = invokeValue.safeParse(act.value);
    const p = v.success ? payload.safeParse(v.data.action.data) : null;
    if (!p?.success) return { kind: "unsupported", reason: "malformed card action" };
    const comment = v.success ? v.data.action.data[COMMENT_INPUT] : undefined;
    return { kind: "card_action", aadObjectId: aad, action: p.data.pulsen, comment: typeof comment === "string" ? comment : undefined, replyToId: act.replyToId, invoke: true };
  }
  if (act.type === "message" && act.value !== undefined) {
    const p = payload.safeParse(act.value);
    if (!p.success) return { kind: "unsupported", reason: "malformed card submit" };
    const comment = (act.value as Record<string, unknown>)[COMMENT_INPUT];
    return { kind: "card_action", aadObjectId: aad, action: p.data.pulsen, comment: typeof comment === "string" ? comment : undefined, replyToId: act.replyToId, invoke: false };
  }
  if (act.type === "message") {
    const inChannel = act.conversation.conversationType === "channel";
    return { kind: "text", aadObjectId: aad, text: (act.text ?? "").replace(/<at>[^<]*<\/at>/g, "").trim(), inChannel, channelName: act.channelData?.channel?.name ?? act.conversation.name };
  }
  return { kind: "unsupported", reason: `activity type ${act.type}` };
}
