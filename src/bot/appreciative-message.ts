import { APPRECIATIVE_STEP } from "../core/plan";
import type { BotMessage } from "./message";
import type { SurveyView } from "./survey-messages";

/**
 * The round after a plan asks, once and after the focus areas, Idébanken's
 * appreciative question: what has got better, and what made it happen. An
 * open text like the comment, kept apart from it (src/db/appreciation-store.ts).
 */
export function appreciativeMessage(v: SurveyView): BotMessage {
  const t = v.t;
  return {
    ref: `survey:${v.roundId}`,
    blocks: [
      { type: "header", text: t.appreciativeTitle },
      { type: "context", text: t.appreciativeHelp },
      {
        type: "form",
        field: { label: t.appreciativeTitle, placeholder: t.appreciativePlaceholder, maxLength: 1000, multiline: true },
        submit: { label: t.send, action: { a: "appreciate", r: v.roundId }, style: "primary" },
        skip: { label: t.skipComment, action: { a: "skip_appreciate", r: v.roundId } },
      },
      { type: "buttons", buttons: [{ label: t.back, action: { a: "back", r: v.roundId, i: APPRECIATIVE_STEP } }] },
    ],
    summary: t.appreciativeTitle,
  };
}
