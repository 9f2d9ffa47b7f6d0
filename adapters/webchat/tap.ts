import type { BotMessage } from "../../src/bot/message";
import type { WebchatPort, ChatPort } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { WebchatEvent } from "./parse";

type TapEvent = Extract<WebchatEvent, { kind: "action" }>;

/** Appends the bot's messages to the person's history; returns the last one's id (the page scrolls there). */
export function appendAll(
  webchat: Pick<WebchatPort, "append">,
  personId: PersonId,
  messages: BotMessage[],
  anchor: number,
): number {
  return messages.reduce((last, m) => webchat.append(personId, m) ?? last, anchor);
}

/**
 * One tap on a message of the person's history, the same for the demo's /chat and a personal link: the bot
 * decides (it refuses a replay or an older message's tap), its update replaces the tapped message and
 * anything new is appended. Null when the message is not this person's.
 */
export function applyTap(
  deps: { chat: Pick<ChatPort, "act">; webchat: Pick<WebchatPort, "entry" | "replace" | "append"> },
  personId: PersonId,
  event: TapEvent,
): { anchor: number } | null {
  const tapped = deps.webchat.entry(personId, event.messageId);
  if (tapped === null) return null;
  const reply = deps.chat.act(personId, event.action, { comment: event.comment, form: event.form });
  if (reply.update) deps.webchat.replace(personId, tapped.id, reply.update);
  return { anchor: appendAll(deps.webchat, personId, reply.post ?? [], tapped.id) };
}
