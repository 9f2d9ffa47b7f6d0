import { and, eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { Instrument } from "../core/instrument";
import { DEFAULT_LOCALE, type Locale } from "../core/locale";
import { answerWindow } from "../core/round";
import { storeAnonymously } from "../db/answer-store";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { truncateWal } from "../db/traces";
import { getOrganization, personLocale, personTimezone } from "../db/org-store";
import { draftAnswers, drafts, invitations, people, rounds, series, type RoundRow } from "../db/schema";
import type { Intent, Platform } from "../jobs/sender";
import { PlanFollowUp } from "./plan-follow-up";
import type { Logger } from "../log";
import { snooze } from "../rounds/remind";
import { catalogs, formatDate, formatDateTime } from "./catalog";
import type { Catalog } from "./catalog";
import { DigestComposer } from "./digest";
import { lateAnswerReply } from "./late-answer";
import type { BotAction, BotMessage, BotReply } from "./message";
import { type SurveyView, commentMessage, followUpMessage, invitationMessage, questionMessage, textMessage, thanksMessage } from "./survey-messages";
import { FOLLOW_UP_VALUE } from "../core/plan";
import { followUpQuestion } from "../instruments/catalog";
import { type FollowUpArea, followUpAreas } from "../plans/follow-up-areas";

interface Context {
  round: RoundRow;
  seriesName: string;
  instrument: Instrument;
  locale: Locale;
  timezone: string;
  t: Catalog;
  /** Follow-up questions on the last plan's focus areas, once the person's unit is known. */
  followUps: FollowUpArea[];
}

/** What a person sees, given what they did: the employee's whole conversation. */
export class SurveyBot {
  private readonly digests: DigestComposer;
  private readonly plans: PlanFollowUp;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly anonymityMin: number,
    private readonly logger: Logger,
    publicUrl = "http://localhost:3000",
    platforms: ReadonlySet<Platform> = new Set(),
  ) {
    this.digests = new DigestComposer(db, anonymityMin, publicUrl);
    this.plans = new PlanFollowUp(db, clock, platforms);
  }

  private personLocale(personId: string): { locale: Locale; timezone: string } {
    const org = getOrganization(this.db);
    const p = this.db.select({ locale: personLocale, tz: personTimezone }).from(people).where(eq(people.id, personId)).get();
    return { locale: p?.locale ?? org?.defaultLocale ?? DEFAULT_LOCALE, timezone: p?.tz ?? org?.defaultTimezone ?? "Europe/Oslo" };
  }

  private context(roundId: string, personId: string): Context | null {
    const row = this.db.select({ round: rounds, seriesName: series.name }).from(rounds).innerJoin(series, eq(series.id, rounds.seriesId)).where(eq(rounds.id, roundId)).get();
    if (row === undefined || row.round.instrumentVersion === null) return null;
    const { instrument } = getInstrument(this.db, row.round.instrumentId, row.round.instrumentVersion);
    const { locale, timezone } = this.personLocale(personId);
    return { round: row.round, seriesName: row.seriesName, instrument, locale, timezone, t: catalogs[locale], followUps: [] };
  }

  private text(ref: string, text: string): BotMessage {
    return textMessage(ref, text);
  }

  /** The message an outbox intent becomes, in the recipient's language. */
  compose(intent: Intent, personId: string | null): BotMessage | null {
    if (intent.kind === "notice") return this.text("notice", intent.text);
    const locale = personId === null ? undefined : this.personLocale(personId).locale;
    if (intent.kind === "digest") return this.digests.unitDigest(intent.roundId, intent.unitId, locale);
    if (intent.kind === "hr_summary") return this.digests.hrSummary(intent.roundId, locale);
    if (intent.kind === "nudge") return this.digests.nudge(intent.roundId, intent.unitId, locale);
    if (intent.kind === "measure_remind" || intent.kind === "measure_ask" || intent.kind === "plan_progress") return this.plans.compose(intent, personId);
    if (personId === null) return null;
    const c = this.context(intent.roundId, personId);
    if (c === null) return null;
    const deadline = formatDateTime(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    return invitationMessage(this.view(c), { kind: intent.kind, seriesName: c.seriesName, deadline, anonymityMin: this.anonymityMin });
  }

  private view(c: Context): SurveyView {
    const name = (factorId: string) => c.instrument.factors.find((f) => f.id === factorId)?.name[c.locale] ?? factorId;
    return { roundId: c.round.id, instrument: c.instrument, locale: c.locale, t: c.t, itemIds: c.round.itemIds ?? [], followUps: c.followUps.map((f) => ({ itemId: f.itemId, area: name(f.factorId) })) };
  }

  /** Everything to answer, in order: the round's statements, then the follow-up questions. */
  private steps(c: Context): string[] {
    return [...(c.round.itemIds ?? []), ...c.followUps.map((f) => f.itemId)];
  }

  /**
   * Handles one tap or form. Everything is checked again here: the round
   * (open?), the person (invited?), the item (in this round?), the value.
   * A forged or replayed action changes nothing and is logged without its value.
   */
  handle(personId: string, action: BotAction, input?: { comment?: string }): BotReply {
    if (action.a === "measure") return this.plans.handle(personId, action);
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
    c.followUps = followUpAreas(this.db, c.round.id, inv.unitId);

    switch (action.a) {
      case "snooze": {
        const until = snooze(this.db, c.round.id, personId, now);
        const reminded = this.db.select({ sent: invitations.remindersSent }).from(invitations).where(and(eq(invitations.roundId, c.round.id), eq(invitations.personId, personId))).get();
        const moved = (reminded?.sent ?? 0) > inv.remindersSent;
        return { post: [this.text(`snoozed:${c.round.id}`, moved ? c.t.snoozed(formatDateTime(until, c.locale, c.timezone)) : c.t.snoozeNoReminder)] };
      }
      case "start":
        this.draft(c.round.id, personId);
        return { update: this.next(c, this.answered(c.round.id, personId)) };
      case "answer": {
        const items = c.round.itemIds ?? [];
        if (!items.includes(action.i)) return this.refuse(personId, action, "item not in round", c.t.notUnderstood);
        this.draft(c.round.id, personId);
        // The primary key (round, person, statement) turns a second tap into a no-op.
        this.db
          .insert(draftAnswers)
          .values({ roundId: c.round.id, personId, itemId: action.i, value: action.v === "skip" ? null : action.v })
          .onConflictDoNothing()
          .run();
        return this.afterAnswer(c, personId);
      }
      case "followup": {
        if (!c.followUps.some((f) => f.itemId === action.i)) return this.refuse(personId, action, "no such follow-up question", c.t.notUnderstood);
        this.draft(c.round.id, personId);
        this.db
          .insert(draftAnswers)
          .values({ roundId: c.round.id, personId, itemId: action.i, value: action.v === "skip" ? null : FOLLOW_UP_VALUE[action.v] })
          .onConflictDoNothing()
          .run();
        return this.afterAnswer(c, personId);
      }
      case "comment":
      case "skip_comment": {
        this.draft(c.round.id, personId);
        const answered = this.answered(c.round.id, personId);
        if (this.steps(c).some((i) => !answered.has(i))) return { update: this.next(c, answered) };
        return this.submit(c, personId, action.a === "comment" ? input?.comment : undefined);
      }
    }
  }

  private refuse(personId: string, action: Exclude<BotAction, { a: "measure" }>, reason: string, text: string): BotReply {
    // Which person and what was refused, never the value that came with it.
    this.logger.warn({ person: personId, action: action.a, round: action.r, reason }, "action refused");
    return { update: this.text(`survey:${action.r}`, text) };
  }

  /** Starts a draft unless one exists: the only link between this person and answers, until submit. */
  private draft(roundId: string, personId: string): void {
    this.db.insert(drafts).values({ roundId, personId, comment: null }).onConflictDoNothing().run();
  }

  private answered(roundId: string, personId: string): Set<string> {
    const rows = this.db
      .select({ itemId: draftAnswers.itemId })
      .from(draftAnswers)
      .where(and(eq(draftAnswers.roundId, roundId), eq(draftAnswers.personId, personId)))
      .all();
    return new Set(rows.map((r) => r.itemId));
  }

  /** After any answer: the next question, or, with everything answered and no open question, done. */
  private afterAnswer(c: Context, personId: string): BotReply {
    const answered = this.answered(c.round.id, personId);
    if (this.steps(c).every((i) => answered.has(i)) && c.instrument.openQuestion === null) return this.submit(c, personId, undefined);
    return { update: this.next(c, answered) };
  }

  /** The next thing to show: the first unanswered statement or follow-up question, or the comment form. */
  private next(c: Context, answered: ReadonlySet<string>): BotMessage {
    const nextId = this.steps(c).find((i) => !answered.has(i));
    if (nextId === undefined) return commentMessage(this.view(c));
    if ((c.round.itemIds ?? []).includes(nextId)) return questionMessage(this.view(c), nextId, answered.size);
    return followUpMessage(this.view(c), followUpQuestion(), nextId, answered.size);
  }

  private submit(c: Context, personId: string, comment: string | undefined): BotReply {
    this.db.transaction((tx) => {
      if (comment !== undefined && comment.trim() !== "") {
        tx.update(drafts).set({ comment: comment.trim().slice(0, 1000) }).where(and(eq(drafts.roundId, c.round.id), eq(drafts.personId, personId))).run();
      }
      storeAnonymously(tx, c.round.id, personId, true);
    });
    truncateWal(this.db);
    return { update: thanksMessage(this.view(c), formatDate(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone)) };
  }
}

