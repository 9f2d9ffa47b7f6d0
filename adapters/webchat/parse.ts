import { z } from "zod";
import { parseAction } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";

/** A web chat form post, parsed at the edge into what it means. */
export type WebchatEvent =
  | { kind: "action"; messageId: number; action: BotAction; comment: string | undefined; form?: FormValues }
  /** Text typed into the box: the bot's command parser reads it. */
  | { kind: "text"; text: string }
  | { kind: "unsupported"; reason: string };

const formSchema = z.object({
  message: z.coerce.number().int().positive(),
  action: z.string().max(2000),
  comment: z.string().max(2000).optional(),
});
/** A form's other fields (the action plan's), by name; the bot checks what they mean. */
const fieldsSchema = z.record(
  z.string().max(40),
  z.union([z.string().max(2000), z.array(z.string().max(200)).max(20)]),
);

export function parseWebchatForm(body: unknown): WebchatEvent {
  const form = formSchema.safeParse(body);
  if (!form.success) return { kind: "unsupported", reason: "malformed form" };
  const action = parseAction(form.data.action);
  if (!action.ok) return { kind: "unsupported", reason: action.reason };
  const { message: _m, action: _a, comment: _c, ...rest } = body as Record<string, unknown>;
  const fields = fieldsSchema.safeParse(rest);
  if (!fields.success) return { kind: "unsupported", reason: "malformed form" };
  const extra = Object.keys(fields.data).length > 0 ? { form: fields.data } : {};
  return { kind: "action", messageId: form.data.message, action: action.action, comment: form.data.comment, ...extra };
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
  const survey = event.action.a !== "measure" && !event.action.a.startsWith("plan");
  if (!survey || !("r" in event.action) || event.action.r !== roundId)
    return { kind: "unsupported", reason: "not this link's round" };
  return event;
}
