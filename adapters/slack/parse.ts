import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";
import { COMMENT_ACTION, COMMENT_BLOCK, LINK_ACTION } from "./blocks";

/** A Slack interaction, parsed at the edge into what it means. */
export type SlackEvent =
  | { kind: "action"; slackUserId: string; channel: string; ts: string; action: BotAction; comment: string | undefined }
  /** A button on the App Home tab: there is no message to update, so the reply is posted. */
  | { kind: "home_action"; slackUserId: string; action: BotAction }
  /** A URL button: Slack opened the page and tells us; nothing to do. */
  | { kind: "link_opened" }
  | { kind: "unsupported"; reason: string };

const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string() }),
  container: z.object({ type: z.string(), channel_id: z.string(), message_ts: z.string() }).partial().optional(),
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
  if (b.actions[0]?.action_id === LINK_ACTION) return { kind: "link_opened" };
  const action = parseAction(b.actions[0]?.value);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  if (b.container?.type === "view") return { kind: "home_action", slackUserId: b.user.id, action: action.action };
  const channel = b.container?.channel_id ?? b.channel?.id;
  const ts = b.container?.message_ts ?? b.message?.ts;
  if (channel === undefined || ts === undefined) return { kind: "unsupported", reason: "no message to update" };
  const comment = b.state?.values[COMMENT_BLOCK]?.[COMMENT_ACTION]?.value ?? undefined;
  return { kind: "action", slackUserId: b.user.id, channel, ts, action: action.action, comment: comment ?? undefined };
}

/** `/pulsen …`, parsed. Slack escapes a channel as <#C0123|name> when the command asks it to. */
export type SlashCommand =
  | { kind: "help" }
  | { kind: "status" }
  | { kind: "results" }
  | { kind: "dashboard" }
  | { kind: "channel"; channel: string; label: string; unit: string | undefined }
  | { kind: "unsupported"; reason: string };

export function parseSlashCommand(text: string): SlashCommand {
  const trimmed = text.trim();
  const [word = "", ...rest] = trimmed.split(/\s+/);
  switch (word.toLowerCase()) {
    case "":
    case "help":
    case "hjelp":
      return { kind: "help" };
    case "status":
      return { kind: "status" };
    case "results":
    case "resultater":
      return { kind: "results" };
    case "dashboard":
    case "oversikt":
    case "oversikta":
      return { kind: "dashboard" };
    case "channel":
    case "kanal": {
      const m = /^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>\s*(.*)$/.exec(rest.join(" "));
      if (!m) return { kind: "unsupported", reason: "channel needs a #channel" };
      const unit = m[3]?.trim();
      return { kind: "channel", channel: m[1]!, label: `#${m[2] || m[1]}`, unit: unit === "" ? undefined : unit };
    }
    default:
      return { kind: "unsupported", reason: "unknown subcommand" };
  }
}
