import { z } from "zod";
import { actionSchema } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";
import { COMMENT_INPUT, PEOPLE_DATASET } from "./cards";

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
      /** A form's inputs, by id (the action plan's card). */
      form: FormValues | undefined;
    }
  /** A person field's typeahead (invoke `application/search`): the field's source and what was typed. */
  | { kind: "search"; aadObjectId: string; where: TeamsConversation; source: string; query: string }
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
const searchValue = z.object({
  queryText: z.string().max(200).default(""),
  dataset: z.string().startsWith(PEOPLE_DATASET).max(200),
});

/** The card's inputs beside our action: text values only, bounded. */
function formOf(data: Record<string, unknown>): FormValues | undefined {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === "pulsen" || k === COMMENT_INPUT || k.length > 40 || typeof v !== "string") continue;
    out[k] = v.slice(0, 2000);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

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
  if (act.type === "invoke" && act.name === "application/search") {
    const v = searchValue.safeParse(act.value);
    if (!v.success) return { kind: "unsupported", reason: "malformed search" };
    return {
      kind: "search",
      aadObjectId: aad,
      where,
      source: v.data.dataset.slice(PEOPLE_DATASET.length),
      query: v.data.queryText,
    };
  }
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
      form: v.success ? formOf(v.data.action.data) : undefined,
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
      form: formOf(act.value as Record<string, unknown>),
    };
  }
  if (act.type === "message") {
    const channelName = act.channelData?.channel?.name ?? act.conversation.name;
    return { kind: "text", aadObjectId: aad, where, text: (act.text ?? "").slice(0, 4000), channelName };
  }
  return { kind: "unsupported", reason: `activity type ${act.type}` };
}
