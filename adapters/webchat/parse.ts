import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction } from "../../src/bot/message";

/** A web chat form post, parsed at the edge into what it means. */
export type WebchatEvent =
  | { kind: "action"; messageId: number; action: BotAction; comment: string | undefined }
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
