import { and, eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { Instrument } from "../core/instrument";
import { DEFAULT_LOCALE, type Locale } from "../core/locale";
import { answerWindow } from "../core/round";
import { storeAnonymously } from "../db/answer-store";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import { drafts, invitations, people, rounds, series, type DraftRow, type RoundRow } from "../db/schema";
import type { Intent } from "../jobs/sender";
import type { Logger } from "../log";
import { snooze } from "../rounds/remind";
import { catalogs, formatDate, formatDateTime } from "./catalog";
import type { Catalog } from "./catalog";
import { lateAnswerReply } from "./late-answer";
import type { BotAction, BotMessage, BotReply, Button } from "./message";

interface Context {
  round: RoundRow;
  seriesName: string;
  instrument: Instrument;
  locale: Locale;
  timezone: string;
  t: Catalog;
}

/** What a person sees, given what they did: the employee's whole conversation. */
export class SurveyBot {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly anonymityMin: number,
    private readonly logger: Logger,
  ) {}

  private personLocale(personId: string): { locale: Locale; timezone: string } {
    const org = getOrganization(this.db);
    const p = this.db.select({ locale: people.locale, tz: people.timezone }).from(people).where(eq(people.id, personId)).get();
    return { locale: p?.locale ?? org?.defaultLocale ?? DEFAULT_LOCALE, timezone: p?.tz ?? org?.defaultTimezone ?? "Europe/Oslo" };
  }

  private context(roundId: string, personId: string): Context | null {
    const row = this.db.select({ round: rounds, seriesName: series.name }).from(rounds).innerJoin(series, eq(series.id, rounds.seriesId)).where(eq(rounds.id, roundId)).get();
    if (row === undefined || row.round.instrumentVersion === null) return null;
    const { instrument } = getInstrument(this.db, row.round.instrumentId, row.round.instrumentVersion);
    const { locale, timezone } = this.personLocale(personId);
    return { round: row.round, seriesName: row.seriesName, instrument, locale, timezone, t: catalogs[locale] };
  }

  private text(ref: string, text: string): BotMessage {
    return { ref, blocks: [{ type: "text", text }], summary: text };
  }

  /** The message an outbox intent becomes, in the recipient's language. */
  compose(intent: Intent, personId: string | null): BotMessage | null {
    if (intent.kind === "notice") return this.text("notice", intent.text);
    if (personId === null) return null;
    const c = this.context(intent.roundId, personId);
    if (c === null) return null;
    const { t, round } = c;
    const deadline = formatDateTime(round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    const n = round.itemIds?.length ?? 0;
    const buttons: Button[] = [
      { label: intent.kind === "invite" ? t.start : t.resume, action: { a: "start", r: round.id }, style: "primary" },
      { label: t.snooze, action: { a: "snooze", r: round.id } },
    ];
    const header = intent.kind === "invite" ? t.inviteHeader(c.seriesName) : t.reminderHeader(c.seriesName);
    const body =
      intent.kind === "invite"
        ? [t.inviteWhy, t.inviteLength(n, Math.max(1, Math.round((c.instrument.minutes * n) / Math.max(1, countItems(c.instrument))))), t.anonymityPromise(this.anonymityMin)]
        : [t.reminderText(deadline), t.anonymityPromise(this.anonymityMin)];
    return {
      ref: `${intent.kind}:${round.id}`,
      blocks: [
        { type: "header", text: header },
        ...body.map((text) => ({ type: "text" as const, text })),
        { type: "context", text: t.deadline(deadline) },
        { type: "buttons", buttons },
      ],
      summary: header,
    };
  }

  /**
   * Handles one tap or form. Everything is checked again here: the round
   * (open?), the person (invited?), the item (in this round?), the value.
   * A forged or replayed action changes nothing and is logged without its value.
   */
  handle(personId: string, action: BotAction, input?: { comment?: string }): BotReply {
    const now = this.clock.now();
    const c = this.context(action.r, personId);
    if (c === null) return this.refuse(personId, action, "unknown round", catalogs[this.personLocale(personId).locale].notUnderstood);
    const window = answerWindow(c.round, now);
    const late = lateAnswerReply(window, c.locale, c.timezone);
    if (late !== null) return this.refuse(personId, action, window.open ? "" : window.why, late);
    const inv = this.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.roundId, c.round.id), eq(invitations.personId, personId)))
      .get();
    if (inv === undefined) return this.refuse(personId, action, "not invited", c.t.notInvited);
    if (inv.completed) return { update: this.text(`survey:${c.round.id}`, c.t.alreadyAnswered) };

    switch (action.a) {
      case "snooze": {
        const until = snooze(this.db, c.round.id, personId, now);
        const reminded = this.db.select({ sent: invitations.remindersSent }).from(invitations).where(and(eq(invitations.roundId, c.round.id), eq(invitations.personId, personId))).get();
        const moved = (reminded?.sent ?? 0) > inv.remindersSent;
        return { post: [this.text(`snoozed:${c.round.id}`, moved ? c.t.snoozed(formatDateTime(until, c.locale, c.timezone)) : c.t.snoozeNoReminder)] };
      }
      case "start":
        return { update: this.next(c, this.draft(c.round.id, personId)) };
      case "answer": {
        const items = c.round.itemIds ?? [];
        if (!items.includes(action.i)) return this.refuse(personId, action, "item not in round", c.t.notUnderstood);
        const draft = this.draft(c.round.id, personId);
        if (action.i in draft.answers) return { update: this.next(c, draft) }; // a second tap: nothing changes
        const answersNow = { ...draft.answers, [action.i]: action.v === "skip" ? null : action.v };
        const done = items.every((i) => i in answersNow);
        const stage = done && c.instrument.openQuestion !== null ? "comment" : draft.stage;
        this.db.update(drafts).set({ answers: answersNow, stage }).where(and(eq(drafts.roundId, c.round.id), eq(drafts.personId, personId))).run();
        if (done && c.instrument.openQuestion === null) return this.submit(c, personId, undefined);
        return { update: this.next(c, { ...draft, answers: answersNow, stage }) };
      }
      case "comment":
      case "skip_comment": {
        const draft = this.draft(c.round.id, personId);
        const unanswered = (c.round.itemIds ?? []).some((i) => !(i in draft.answers));
        if (unanswered) return { update: this.next(c, draft) };
        return this.submit(c, personId, action.a === "comment" ? input?.comment : undefined);
      }
    }
  }

  private refuse(personId: string, action: BotAction, reason: string, text: string): BotReply {
    // Which person and what was refused, never the value that came with it.
    this.logger.warn({ person: personId, action: action.a, round: action.r, reason }, "action refused");
    return { update: this.text(`survey:${action.r}`, text) };
  }

  private draft(roundId: string, personId: string): DraftRow {
    const existing = this.db.select().from(drafts).where(and(eq(drafts.roundId, roundId), eq(drafts.personId, personId))).get();
    if (existing) return existing;
    const fresh: DraftRow = { roundId, personId, answers: {}, stage: "questions", comment: null, messageRef: null };
    this.db.insert(drafts).values(fresh).onConflictDoNothing().run();
    return fresh;
  }

  /** The next thing to show: the first unanswered statement, or the comment form. */
  private next(c: Context, draft: DraftRow): BotMessage {
    const items = c.round.itemIds ?? [];
    const nextId = items.find((i) => !(i in draft.answers));
    const ref = `survey:${c.round.id}`;
    if (nextId === undefined) {
      return {
        ref,
        blocks: [
          { type: "header", text: c.t.commentHeader },
          { type: "text", text: c.instrument.openQuestion?.[c.locale] ?? "" },
          { type: "context", text: c.t.commentHint },
          {
            type: "form",
            field: { label: c.instrument.openQuestion?.[c.locale] ?? "", placeholder: c.t.commentPlaceholder, maxLength: 1000, multiline: true },
            submit: { label: c.t.send, action: { a: "comment", r: c.round.id }, style: "primary" },
            skip: { label: c.t.skipComment, action: { a: "skip_comment", r: c.round.id } },
          },
        ],
        summary: c.t.commentHeader,
      };
    }
    const item = c.instrument.factors.flatMap((f) => f.items).find((i) => i.id === nextId);
    const k = items.indexOf(nextId) + 1;
    const labels = c.instrument.scale.labels[c.locale];
    const button = (v: 1 | 2 | 3 | 4 | 5): Button => ({ label: `${v} ${labels[v - 1] ?? ""}`.trim(), action: { a: "answer", r: c.round.id, i: nextId, v } });
    return {
      ref,
      blocks: [
        { type: "header", text: c.t.questionHeader(k, items.length) },
        {
          type: "likert",
          statement: item?.text[c.locale] ?? nextId,
          position: { k, n: items.length },
          answers: [button(1), button(2), button(3), button(4), button(5), { label: c.instrument.scale.skip[c.locale], action: { a: "answer", r: c.round.id, i: nextId, v: "skip" } }],
        },
        { type: "context", text: `${progress(Object.keys(draft.answers).length, items.length)}  ${c.t.scaleHint(labels[0] ?? "1", labels[4] ?? "5")}` },
      ],
      summary: c.t.questionHeader(k, items.length),
    };
  }

  private submit(c: Context, personId: string, comment: string | undefined): BotReply {
    this.db.transaction((tx) => {
      if (comment !== undefined && comment.trim() !== "") {
        tx.update(drafts).set({ comment: comment.trim().slice(0, 1000) }).where(and(eq(drafts.roundId, c.round.id), eq(drafts.personId, personId))).run();
      }
      storeAnonymously(tx, c.round.id, personId, true);
    });
    const on = formatDate(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    return {
      update: {
        ref: `survey:${c.round.id}`,
        blocks: [
          { type: "header", text: c.t.thanksHeader },
          { type: "text", text: c.t.thanksText(on) },
        ],
        summary: c.t.thanksHeader,
      },
    };
  }
}

function countItems(i: Instrument): number {
  return i.factors.reduce((n, f) => n + f.items.length, 0);
}

/** A small text progress bar: ▰▰▰▱▱▱ 3/13 */
function progress(done: number, total: number): string {
  const width = 10;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${"▰".repeat(filled)}${"▱".repeat(width - filled)} ${done}/${total}`;
}
