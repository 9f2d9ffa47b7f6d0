import type { FollowUp, Instrument } from "../core/instrument";
import type { Locale } from "../core/locale";
import type { Catalog } from "./catalog";
import { COMMENT_STEP } from "../core/survey-steps";
import type { Block, BotMessage, Button } from "./message";

/**
 * The survey's messages as pure functions of what to show, so the live
 * conversation and HR's preview render exactly the same thing.
 */
export interface SurveyView {
  roundId: string;
  instrument: Instrument;
  locale: Locale;
  t: Catalog;
  itemIds: readonly string[];
  /** After the statements: "has it improved?" per focus area of the last plan (DESIGN.md, action plans). */
  followUps?: readonly { itemId: string; area: string; plan: string }[];
}

/** Where the person is: which steps they have answered, and whether this one is among them. */
export interface StepState {
  answered: ReadonlySet<string>;
}

/** Statements and follow-up questions: what "k of n" counts. */
const total = (v: SurveyView) => v.itemIds.length + (v.followUps?.length ?? 0);

export function invitationMessage(
  v: SurveyView,
  o: { kind: "invite" | "remind"; seriesName: string; deadline: string; anonymityMin: number },
): BotMessage {
  const { t } = v;
  const n = v.itemIds.length;
  const all = v.instrument.factors.reduce((sum, f) => sum + f.items.length, 0);
  const minutes = Math.max(1, Math.round((v.instrument.minutes * n) / Math.max(1, all)));
  const header = o.kind === "invite" ? t.inviteHeader(o.seriesName) : t.reminderHeader(o.seriesName);
  // What will be asked, counted the same way as "k of n" on every question.
  const length = t.inviteLength(n, v.followUps?.length ?? 0, minutes);
  const body =
    o.kind === "invite"
      ? [t.inviteWhy, length, t.anonymityPromise(o.anonymityMin)]
      : [t.reminderText(o.deadline), t.anonymityPromise(o.anonymityMin)];
  const buttons: Button[] = [
    { label: o.kind === "invite" ? t.start : t.resume, action: { a: "start", r: v.roundId }, style: "primary" },
    { label: t.snooze, action: { a: "snooze", r: v.roundId } },
  ];
  return {
    ref: `${o.kind}:${v.roundId}`,
    blocks: [
      { type: "header", text: header },
      ...body.map((text) => ({ type: "text" as const, text })),
      { type: "context", text: t.deadline(o.deadline) },
      { type: "buttons", buttons },
    ],
    summary: header,
  };
}

/** Back to the step before, after the six answers (CONTRACT.md); none on the first statement. */
function backBlock(v: SurveyView, from: string, k: number): Block[] {
  return k > 1
    ? [{ type: "buttons", buttons: [{ label: v.t.back, action: { a: "back", r: v.roundId, i: from } }] }]
    : [];
}

/** Under a statement the person has answered and come back to: that they may change it, never what they chose. */
function changeHint(v: SurveyView, s: StepState, itemId: string): Block[] {
  return s.answered.has(itemId) ? [{ type: "context", text: v.t.changeHint }] : [];
}

/** One statement, k of n, with 1–5 and skip in that order; progress, never a chosen value. */
export function questionMessage(v: SurveyView, itemId: string, s: StepState): BotMessage {
  const item = v.instrument.factors.flatMap((f) => f.items).find((i) => i.id === itemId);
  const k = v.itemIds.indexOf(itemId) + 1;
  const n = total(v);
  const labels = v.instrument.scale.labels[v.locale];
  const button = (value: 1 | 2 | 3 | 4 | 5): Button => ({
    label: `${value} ${labels[value - 1] ?? ""}`.trim(),
    action: { a: "answer", r: v.roundId, i: itemId, v: value },
  });
  return {
    ref: `survey:${v.roundId}`,
    blocks: [
      { type: "header", text: v.t.questionHeader(k, n) },
      {
        type: "likert",
        statement: item?.text[v.locale] ?? itemId,
        position: { k, n },
        answers: [
          button(1),
          button(2),
          button(3),
          button(4),
          button(5),
          { label: v.instrument.scale.skip[v.locale], action: { a: "answer", r: v.roundId, i: itemId, v: "skip" } },
        ],
      },
      ...backBlock(v, itemId, k),
      ...changeHint(v, s, itemId),
      {
        type: "context",
        text: `${progress(s.answered.size, n)}  ${v.t.scaleHint(labels[0] ?? "1", labels[4] ?? "5")}`,
      },
    ],
    summary: v.t.questionHeader(k, n),
  };
}

/** One follow-up question: better, the same or worse, then skip; progress, never a chosen value. */
export function followUpMessage(v: SurveyView, f: FollowUp, itemId: string, s: StepState): BotMessage {
  const at = v.followUps?.findIndex((x) => x.itemId === itemId) ?? -1;
  const area = v.followUps?.[at]?.area ?? "";
  const plan = v.followUps?.[at]?.plan ?? "";
  const k = v.itemIds.length + at + 1;
  const n = total(v);
  const buttons: Button[] = [
    ...f.options.map((o) => ({
      label: o.label[v.locale],
      action: { a: "followup" as const, r: v.roundId, i: itemId, v: o.id },
    })),
    { label: v.instrument.scale.skip[v.locale], action: { a: "followup", r: v.roundId, i: itemId, v: "skip" } },
  ];
  return {
    ref: `survey:${v.roundId}`,
    blocks: [
      { type: "header", text: v.t.questionHeader(k, n) },
      { type: "text", text: f.question[v.locale].replace("{plan}", plan).replace("{area}", area) },
      { type: "buttons", buttons },
      ...backBlock(v, itemId, k),
      ...changeHint(v, s, itemId),
      { type: "context", text: progress(s.answered.size, n) },
    ],
    summary: v.t.questionHeader(k, n),
  };
}

export function commentMessage(v: SurveyView): BotMessage {
  const question = v.instrument.openQuestion?.[v.locale] ?? "";
  const steps = total(v);
  return {
    ref: `survey:${v.roundId}`,
    blocks: [
      { type: "header", text: v.t.commentHeader },
      { type: "text", text: question },
      { type: "context", text: v.t.commentHint },
      {
        type: "form",
        field: { label: question, placeholder: v.t.commentPlaceholder, maxLength: 1000, multiline: true },
        submit: { label: v.t.send, action: { a: "comment", r: v.roundId }, style: "primary" },
        skip: { label: v.t.skipComment, action: { a: "skip_comment", r: v.roundId } },
      },
      ...backBlock(v, COMMENT_STEP, steps + 1),
    ],
    summary: v.t.commentHeader,
  };
}

export function thanksMessage(v: Pick<SurveyView, "roundId" | "t">, resultsOn: string): BotMessage {
  return {
    ref: `survey:${v.roundId}`,
    blocks: [
      { type: "header", text: v.t.thanksHeader },
      { type: "text", text: v.t.thanksText(resultsOn) },
    ],
    summary: v.t.thanksHeader,
  };
}

export function textMessage(ref: string, text: string): BotMessage {
  return { ref, blocks: [{ type: "text", text }], summary: text };
}

/** A small text progress bar: ▰▰▰▱▱▱▱▱▱▱ 3/13 */
function progress(done: number, total: number): string {
  const width = 10;
  const filled = total === 0 ? width : Math.min(width, Math.round((Math.min(done, total) / total) * width));
  return `${"▰".repeat(filled)}${"▱".repeat(width - filled)} ${done}/${total}`;
}
