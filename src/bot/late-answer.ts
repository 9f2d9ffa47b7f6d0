import type { Locale } from "../core/locale";
import type { AnswerWindow } from "../core/round";
import { catalogs, formatDate } from "./catalog";

/** The polite reply to an answer that comes too late (or too early); null while the round is open. */
export function lateAnswerReply(window: AnswerWindow, locale: Locale, timeZone: string): string | null {
  if (window.open) return null;
  const c = catalogs[locale];
  return window.why === "closed" ? c.roundClosed(formatDate(window.closedAt, locale, timeZone)) : c.roundNotOpen;
}
