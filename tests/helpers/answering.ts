import type { BotAction, BotMessage } from "../../src/bot/message";
import type { SurveyBot } from "../../src/bot/survey";
import type { ManualClock } from "../../src/core/clock";

/**
 * Answers a survey as a person would through the bot: Start, then the
 * statement on screen, one tap every few seconds (a quicker one would be a
 * double tap), `statements` of them; then sends it (with a comment or
 * without), or stops there and leaves the rest to the close.
 */
export function answerAs(
  bot: SurveyBot,
  clock: ManualClock,
  personId: string,
  roundId: string,
  o: { statements: number; value?: (itemId: string) => 1 | 2 | 3 | 4 | 5; send: boolean; comment?: string },
): void {
  const tap = (a: BotAction, input?: { comment?: string }) => {
    clock.advance(3000);
    return bot.handle(personId, a, input).update;
  };
  let m: BotMessage | undefined = tap({ a: "start", r: roundId });
  for (let n = 0; n < o.statements; n++) {
    const likert = m?.blocks.find((b) => b.type === "likert");
    if (likert?.type !== "likert" || likert.answers[0].action.a !== "answer") break; // all statements answered
    const value = o.value?.(likert.answers[0].action.i) ?? 4;
    m = tap(likert.answers[value - 1]!.action);
  }
  if (!o.send) return;
  if (o.comment !== undefined) tap({ a: "comment", r: roundId }, { comment: o.comment });
  else tap({ a: "skip_comment", r: roundId });
}
