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
import type { BotAction, BotMessage, BotReply } from "./message";
import { type SurveyView, commentMessage, invitationMessage, questionMessage, textMessage, thanksMessage } from "./survey-messages";

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
    return textMessage(ref, text);
  }

  /** The message an outbox intent becomes, in the recipient's language. */
  compose(intent: Intent, personId: string | null): BotMessage | null {
    if (intent.kind === "notice") return this.text("notice", intent.text);
    if (personId === null) return null;
    const c = this.context(intent.roundId, personId);
    if (c === null) return null;
    const deadline = formatDateTime(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    return invitationMessage(this.view(c), { kind: intent.kind, seriesName: c.seriesName, deadline, anonymityMin: this.anonymityMin });
  }

  private view(c: Context): SurveyView {
    return { roundId: c.round.id, instrument: c.instrument, locale: c.locale, t: c.t, itemIds: c.round.itemIds ?? [] };
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
    const nextId = (c.round.itemIds ?? []).find((i) => !(i in draft.answers));
    return nextId === undefined ? commentMessage(this.view(c)) : questionMessage(this.view(c), nextId, Object.keys(draft.answers).length);
  }

  private submit(c: Context, personId: string, comment: string | undefined): BotReply {
    this.db.transaction((tx) => {
      if (comment !== undefined && comment.trim() !== "") {
        tx.update(drafts).set({ comment: comment.trim().slice(0, 1000) }).where(and(eq(drafts.roundId, c.round.id), eq(drafts.personId, personId))).run();
      }
      storeAnonymously(tx, c.round.id, personId, true);
    });
    return { update: thanksMessage(this.view(c), formatDate(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone)) };
  }
}

