import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";
import { COMMENT_ACTION, COMMENT_BLOCK, FORM_CALLBACK, LINK_ACTION, PEOPLE_ACTION } from "./blocks";

/** A Slack interaction, parsed at the edge into what it means. */
export type SlackEvent =
  | {
      kind: "action";
      slackUserId: string;
      channel: string;
      ts: string;
      /** The person's own DM with the bot: a direct-message channel (D…) has just its two members. */
      inDm: boolean;
      action: BotAction;
      comment: string | undefined;
      /** Valid for 3 seconds: a modal opened in answer to this tap needs it (views.open). */
      triggerId: string | undefined;
    }
  /** A button on the App Home tab: there is no message to update, so the reply is posted. */
  | { kind: "home_action"; slackUserId: string; action: BotAction; triggerId: string | undefined }
  /** A URL button: Slack opened the page and tells us; nothing to do. */
  | { kind: "link_opened" }
  | { kind: "unsupported"; reason: string };

const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string() }),
  trigger_id: z.string().max(200).optional(),
  container: z.object({ type: z.string(), channel_id: z.string(), message_ts: z.string() }).partial().optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  state: z
    .object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))),
    })
    .optional(),
});

export function parseSlackInteraction(body: unknown): SlackEvent {
  const r = blockActions.safeParse(body);
  if (!r.success) return { kind: "unsupported", reason: "not a block action" };
  const b = r.data;
  if (b.actions[0]?.action_id === LINK_ACTION) return { kind: "link_opened" };
  const action = parseAction(b.actions[0]?.value);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  const triggerId = b.trigger_id;
  if (b.container?.type === "view")
    return { kind: "home_action", slackUserId: b.user.id, action: action.action, triggerId };
  const channel = b.container?.channel_id ?? b.channel?.id;
  const ts = b.container?.message_ts ?? b.message?.ts;
  if (channel === undefined || ts === undefined) return { kind: "unsupported", reason: "no message to update" };
  const comment = b.state?.values[COMMENT_BLOCK]?.[COMMENT_ACTION]?.value ?? undefined;
  const inDm = channel.startsWith("D");
  return {
    kind: "action",
    slackUserId: b.user.id,
    channel,
    ts,
    inDm,
    action: action.action,
    comment: comment ?? undefined,
    triggerId,
  };
}

const selected = z.object({ value: z.string().max(200) });
/** One input's state in a view, as Slack sends each element type's value. */
const inputState = z.object({
  type: z.string(),
  value: z.string().max(3000).nullable().optional(),
  selected_date: z.string().max(20).nullable().optional(),
  selected_option: selected.nullable().optional(),
  selected_options: z.array(selected).max(100).optional(),
});
const viewSubmission = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string() }),
  view: z.object({
    callback_id: z.literal(FORM_CALLBACK),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string().max(255), z.record(z.string().max(255), inputState)) }),
  }),
});

/** A modal's form sent: who sent it, the form's action, and each field's value by its block id. */
export type SlackSubmission =
  | { kind: "submission"; slackUserId: string; action: BotAction; form: FormValues }
  | { kind: "unsupported"; reason: string };

export function parseViewSubmission(body: unknown): SlackSubmission {
  const r = viewSubmission.safeParse(body);
  if (!r.success) return { kind: "unsupported", reason: "not our view submission" };
  const action = parseAction(r.data.view.private_metadata);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  const form: FormValues = {};
  for (const [blockId, inputs] of Object.entries(r.data.view.state.values)) {
    for (const e of Object.values(inputs)) {
      const v =
        e.selected_options?.map((o) => o.value) ?? e.selected_option?.value ?? e.selected_date ?? e.value ?? null;
      if (v !== null) form[blockId] = v;
    }
  }
  return { kind: "submission", slackUserId: r.data.user.id, action: action.action, form };
}

const blockSuggestion = z.object({
  type: z.literal("block_suggestion"),
  user: z.object({ id: z.string() }),
  action_id: z.string().startsWith(PEOPLE_ACTION).max(255),
  value: z.string().max(200).default(""),
});

/** An options load for a person field: who asks, the field's source, and what they typed. */
export function parsePeopleSuggestion(body: unknown): { slackUserId: string; source: string; query: string } | null {
  const r = blockSuggestion.safeParse(body);
  if (!r.success) return null;
  return { slackUserId: r.data.user.id, source: r.data.action_id.slice(PEOPLE_ACTION.length), query: r.data.value };
}

const slashCommand = z.object({
  user_id: z.string().min(1),
  text: z.string().max(4000).optional(),
  channel_id: z.string().optional(),
  channel_name: z.string().optional(),
});

/**
 * `/pulsen …` as the bot's command parser needs it (src/bot/commands.ts reads the words):
 * who typed it, the text, and the channel it was typed in when that is a channel digests can go to.
 */
export interface SlashCommand {
  slackUserId: string;
  text: string;
  channel: { channel: string; label: string } | null;
}

export function parseSlashCommand(body: unknown): SlashCommand | null {
  const r = slashCommand.safeParse(body);
  if (!r.success) return null;
  const c = r.data;
  // C… public, G… older private channels; a DM (D…) is no place for a unit's results.
  const inChannel = c.channel_id !== undefined && /^[CG][A-Z0-9]{8,}$/.test(c.channel_id);
  const label = `#${c.channel_name && c.channel_name !== "privategroup" ? c.channel_name : c.channel_id}`;
  return {
    slackUserId: c.user_id,
    text: c.text ?? "",
    channel: inChannel ? { channel: c.channel_id!, label } : null,
  };
}
