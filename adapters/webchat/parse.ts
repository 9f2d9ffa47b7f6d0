import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";

/** A web chat form post, parsed at the edge into what it means. */
export type WebchatEvent =
  | { kind: "action"; messageId: number; action: BotAction; comment: string | undefined }
  /** Text typed into the box: the bot's command parser reads it. */
  | { kind: "text"; text: string }
  | { kind: "unsupported"; reason: string };

const formSchema = z.object({
  message: z.coerce.number().int().positive(),
  action: z.string().max(2000),
  comment: z.string().max(2000).optional(),
});

export function parseWebchatForm(body: unknown): WebchatEvent {
  const form = formSchema.safeParse(body);
  if (!form.success) return { kind: "unsupported", reason: "malformed form" };
  const action = parseAction(form.data.action);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  return { kind: "action", messageId: form.data.message, action: action.action, comment: form.data.comment };
}

const textSchema = z.object({ text: z.string().max(500) });

export function parseWebchatText(body: unknown): WebchatEvent {
  const form = textSchema.safeParse(body);
  return form.success ? { kind: "text", text: form.data.text } : { kind: "unsupported", reason: "malformed form" };
}

/**
 * A tap on a personal link's page: a link is for one round, so only that round's survey steps are taken
 * (a measure's status, or another round's tap, is not what this page shows).
 */
export function parseLinkForm(body: unknown, roundId: string): WebchatEvent {
  const event = parseWebchatForm(body);
  if (event.kind !== "action") return event;
  if (event.action.a === "measure" || event.action.r !== roundId)
    return { kind: "unsupported", reason: "not this link's round" };
  return event;
}
