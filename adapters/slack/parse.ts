import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";
import { COMMENT_ACTION, COMMENT_BLOCK } from "./blocks";

/** A Slack interaction, parsed at the edge into what it means. */
export type SlackEvent =
  | { kind: "action"; slackUserId: string; channel: string; ts: string; action: BotAction; comment: string | undefined }
  | { kind: "unsupported"; reason: string };

const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string() }),
  container: z.object({ channel_id: z.string(), message_ts: z.string() }).partial().optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  state: z
    .object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))) })
    .optional(),
});

export function parseSlackInteraction(body: unknown): SlackEvent {
  const r = blockActions.safeParse(body);
  if (!r.success) return { kind: "unsupported", reason: "not a block action" };
  const b = r.data;
  const channel = b.container?.channel_id ?? b.channel?.id;
  const ts = b.container?.message_ts ?? b.message?.ts;
  if (channel === undefined || ts === undefined) return { kind: "unsupported", reason: "no message to update" };
  const action = parseAction(b.actions[0]?.value);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  const comment = b.state?.values[COMMENT_BLOCK]?.[COMMENT_ACTION]?.value ?? undefined;
  return { kind: "action", slackUserId: b.user.id, channel, ts, action: action.action, comment: comment ?? undefined };
}
