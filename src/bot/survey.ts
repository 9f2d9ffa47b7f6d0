import { idPattern } from "../core/ids";
import { outboxKey } from "../jobs/keys";
import { and, eq, sql } from "drizzle-orm";
import { cleanText } from "../core/clean-text";
import type { Clock } from "../core/clock";
import type { Instrument } from "../core/instrument";
import type { Locale } from "../core/locale";
import { APPRECIATIVE_STEP, FOLLOW_UP_VALUE } from "../core/plan";
import { setDraftAppreciation } from "../db/appreciation-store";
import { answerWindow } from "../core/round";
import { COMMENT_STEP, type Step, currentStep, isDoubleTap, nextStep, previousStep } from "../core/survey-steps";
import { storeAnonymously } from "../db/answer-store";
import { DraftStore } from "../db/draft-store";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { prepared } from "../db/prepared";
import { truncateWal } from "../db/traces";
import { scrubNextTurn, type WalScrub } from "../db/wal-scrub";
import { type InvitationRow, invitations, type RoundRow } from "../db/schema";
import { followUpQuestion } from "../instruments/catalog";
import { recordSentMessage } from "../jobs/outbox-queue";
import type { Intent, Platform } from "../jobs/sender";
import type { Logger } from "../log";
import type { FollowUpArea } from "../plans/follow-up-areas";
import { snooze } from "../rounds/remind";
import { catalogs, formatDate, formatDateTime } from "./catalog";
import type { Catalog } from "./catalog";
import { DigestComposer } from "./digest";
import { lateAnswerReply } from "./late-answer";
import type { BotAction, BotMessage, BotReply } from "./message";
import { appreciativeMessage } from "./appreciative-message";
import { isPlanIntent, PlanFollowUp } from "./plan-follow-up";
import { SurveyCache } from "./survey-cache";
import {
  type SurveyView,
  commentMessage,
  followUpMessage,
  invitationMessage,
  questionMessage,
  textMessage,
  thanksMessage,
} from "./survey-messages";

interface Context {
  round: RoundRow;
  seriesName: string;
  instrument: Instrument;
  locale: Locale;
  timezone: string;
  t: Catalog;
  /** Follow-up questions on the last plan's focus areas, for the person's unit at open. */
  followUps: FollowUpArea[];
  /** The person's invitation to the round (their unit at open), when invited. */
  inv: InvitationRow | undefined;
  unitId: string | null;
}

const invitationOf = (db: Db) =>
  db
    .select()
    .from(invitations)
    .where(and(eq(invitations.roundId, sql.placeholder("r")), eq(invitations.personId, sql.placeholder("p"))))
    .prepare();

type StepAction = Extract<
  BotAction,
  { a: "answer" | "followup" | "back" | "comment" | "skip_comment" | "appreciate" | "skip_appreciate" }
>;

/** What a person sees, given what they did: the employee's whole conversation. */
export class SurveyBot {
  private readonly digests: DigestComposer;
  private readonly plans: PlanFollowUp;
  private readonly cache: SurveyCache;
  /**
   * A tap's transaction, wrapped once: better-sqlite3's own, as drizzle's `db.transaction` would run it,
   * without building drizzle's transaction object each tap (handleNow writes through `this.db`).
   */
  private readonly tapTransaction: (
    personId: string,
    action: BotAction,
    input: { comment?: string } | undefined,
    now: Date,
  ) => BotReply;
  /** Set by a tap that stored a response: the WAL is emptied once its transaction has committed. */
  private stored = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly anonymityMin: number,
    private readonly logger: Logger,
    publicUrl = "http://localhost:3000",
    platforms: ReadonlySet<Platform> = new Set(),
    /** Empties the log after a reply (`traces: "after-reply"`): the server's runs on a worker thread. */
    private readonly scrub: WalScrub = scrubNextTurn(db),
  ) {
    this.digests = new DigestComposer(db, anonymityMin, publicUrl, clock);
    this.plans = new PlanFollowUp(db, clock, platforms);
    this.cache = new SurveyCache(db);
    this.tapTransaction = db.$client.transaction(
      (personId: string, action: BotAction, input: { comment?: string } | undefined, now: Date) =>
        this.handleNow(personId, action, input, now),
    ).immediate;
  }

  /** A write beside the survey (a Teams conversation reference): the round and people kept stay kept. */
  aside<T>(write: () => T): T {
    return this.cache.aside(write);
  }

  private personLocale(personId: string): { locale: Locale; timezone: string } {
    return this.cache.person(personId);
  }

  private invitation(roundId: string, personId: string): InvitationRow | undefined {
    return prepared(this.db, invitationOf).get({ r: roundId, p: personId });
  }

  /**
   * What a tap needs to know: the round, the person's language and follow-up questions kept while nothing
   * else writes (survey-cache.ts: a round the CLI closes is seen at once), the invitation read each time.
   */
  private context(roundId: string, personId: string): Context | null {
    this.cache.fresh();
    const row = this.cache.round(roundId);
    if (row === undefined || row.round.instrumentVersion === null) return null;
    const { instrument } = getInstrument(this.db, row.round.instrumentId, row.round.instrumentVersion);
    const { locale, timezone } = this.personLocale(personId);
    const inv = this.invitation(roundId, personId);
    const unitId = inv?.unitId ?? null;
    const followUps = unitId === null ? [] : this.cache.followUpsFor(row.round, unitId);
    return {
      round: row.round,
      seriesName: row.seriesName,
      instrument,
      locale,
      timezone,
      t: catalogs[locale],
      followUps,
      inv,
      unitId,
    };
  }

  /** The message an outbox intent becomes, in the recipient's language. */
  compose(intent: Intent, personId: string | null): BotMessage | null {
    if (intent.kind === "notice") return textMessage("notice", intent.text);
    this.cache.fresh();
    const locale = personId === null ? undefined : this.personLocale(personId).locale;
    if (intent.kind === "digest") return this.digests.unitDigest(intent.roundId, intent.unitId, locale);
    if (intent.kind === "hr_summary") return this.digests.hrSummary(intent.roundId, locale);
    if (intent.kind === "nudge") return this.digests.nudge(intent.roundId, intent.unitId, locale);
    if (isPlanIntent(intent)) {
      return this.plans.compose(intent, personId);
    }
    if (personId === null) return null;
    const c = this.context(intent.roundId, personId);
    if (c === null) return null;
    if (intent.kind === "closed") {
      const on = formatDate(c.round.closedAt ?? c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
      return textMessage(`survey:${c.round.id}`, c.t.surveyClosed(on));
    }
    const deadline = formatDateTime(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    const o = { kind: intent.kind, seriesName: c.seriesName, deadline, anonymityMin: this.anonymityMin };
    return invitationMessage(this.view(c), o);
  }

  /**
   * A survey message a platform posted outside the outbox (Slack's App Home
   * starts the survey in a new DM message): remembered like the invitation,
   * so that the close can say on it that the round has closed.
   */
  posted(personId: string, message: BotMessage, platform: Platform, messageId: string): void {
    const [prefix, roundId] = message.ref.split(":");
    if (prefix !== "survey" || roundId === undefined || !idPattern("round").test(roundId)) return;
    const key = outboxKey({ kind: "survey", roundId, personId, messageId });
    recordSentMessage(
      this.db,
      { key, platform, personId, roundId, intent: { kind: "invite", roundId }, messageId },
      this.clock.now(),
    );
  }

  private view(c: Context): SurveyView {
    const name = (factorId: string) => c.instrument.factors.find((f) => f.id === factorId)?.name[c.locale] ?? factorId;
    // Whose plan it was: the person's own unit's, or a unit above it by name.
    const plan = (f: FollowUpArea) =>
      f.planUnitId === c.unitId ? c.t.followUpOwnPlan : c.t.followUpPlanOf(f.unitPath.split(" > ").pop() ?? f.unitPath);
    return {
      roundId: c.round.id,
      instrument: c.instrument,
      locale: c.locale,
      t: c.t,
      itemIds: c.round.itemIds ?? [],
      followUps: c.followUps.map((f) => ({ itemId: f.itemId, area: name(f.factorId), plan: plan(f) })),
    };
  }

  /** Everything to answer, in order: the round's statements, the follow-up questions, the appreciative one. */
  private steps(c: Context): string[] {
    const appreciative = c.followUps.length > 0 ? [APPRECIATIVE_STEP] : [];
    return [...(c.round.itemIds ?? []), ...c.followUps.map((f) => f.itemId), ...appreciative];
  }

  /**
   * Handles one tap or form. Everything is checked again here: the round
   * (open?), the person (invited?), the step (the one on their screen?), the
   * value. A forged or replayed action changes nothing and is logged without
   * its value. `at` is when the person tapped (a tap that waited for the
   * database's lock is judged by then, not by when it was written). With
   * `traces: "after-reply"` the write-ahead log is emptied by `scrub`, once
   * the platform's HTTP reply is on its way: Teams waits for the reply's card,
   * and the checkpoint was the slowest part of a submit.
   */
  handle(
    personId: string,
    action: BotAction,
    input?: { comment?: string },
    at?: Date,
    traces: "now" | "after-reply" = "now",
  ): BotReply {
    const now = at ?? this.clock.now();
    this.stored = false;
    // One IMMEDIATE transaction: a lock held elsewhere fails it at BEGIN, before anything is written, so a
    // retry (src/db/write-queue.ts) writes the tap exactly once; and the tap's writes commit once.
    const reply = this.tapTransaction(personId, action, input, now);
    // Committed: what a survey tap wrote (a draft, an invitation's "done") is nothing the cache keeps.
    if (action.a !== "measure") this.cache.settle();
    // The draft is gone from the table; make sure no copy of it is left in the write-ahead log (rule 2).
    if (this.stored && traces === "now") truncateWal(this.db);
    else if (this.stored) this.scrub.request();
    return reply;
  }

  private handleNow(personId: string, action: BotAction, input: { comment?: string } | undefined, now: Date) {
    if (action.a === "measure") return this.plans.handle(personId, action);
    // The action plan's form is ChatService's (src/bot/plan-making.ts), never a survey step.
    if (action.a === "plan" || action.a === "plan_save" || action.a === "plan_find")
      return { post: [textMessage("not-understood", catalogs[this.personLocale(personId).locale].notUnderstood)] };
    const c = this.context(action.r, personId);
    if (c === null) {
      return this.refuse(personId, action, "unknown round", catalogs[this.personLocale(personId).locale].notUnderstood);
    }
    const window = answerWindow(c.round, now);
    const late = lateAnswerReply(window, c.locale, c.timezone);
    if (late !== null) return this.refuse(personId, action, window.open ? "" : window.why, late);
    const inv = c.inv;
    if (inv === undefined) return this.refuse(personId, action, "not invited", c.t.notInvited);
    if (inv.completed) return { update: textMessage(`survey:${c.round.id}`, c.t.alreadyAnswered) };

    switch (action.a) {
      case "snooze": {
        const until = snooze(this.db, c.round.id, personId, now);
        const moved = (this.invitation(c.round.id, personId)?.remindersSent ?? 0) > inv.remindersSent;
        const text = moved ? c.t.snoozed(formatDateTime(until, c.locale, c.timezone)) : c.t.snoozeNoReminder;
        return { post: [textMessage(`snoozed:${c.round.id}`, text)] };
      }
      case "start": {
        // Where they left off, or the step they had gone back to.
        const draft = new DraftStore(this.db, c.round.id, personId);
        const answered = draft.answered();
        return {
          update: this.show(c, draft, currentStep(this.steps(c), answered, draft.ensure().step), answered, now),
        };
      }
      case "answer":
      case "followup":
      case "back":
      case "comment":
      case "skip_comment":
      case "appreciate":
      case "skip_appreciate":
        return this.step(c, personId, action, input?.comment, now);
    }
  }

  /** A tap on a step: taken only from the step on the person's screen, and not as a double tap's echo. */
  private step(c: Context, personId: string, action: StepAction, comment: string | undefined, now: Date): BotReply {
    if (
      (action.a === "answer" && !(c.round.itemIds ?? []).includes(action.i)) ||
      (action.a === "followup" && !c.followUps.some((f) => f.itemId === action.i)) ||
      ((action.a === "appreciate" || action.a === "skip_appreciate") && c.followUps.length === 0)
    ) {
      return this.refuse(personId, action, "not a step of this survey", c.t.notUnderstood);
    }
    const draft = new DraftStore(this.db, c.round.id, personId);
    const row = draft.ensure();
    const steps = this.steps(c);
    const answered = draft.answered();
    const onScreen = currentStep(steps, answered, row.step);
    const tapped =
      action.a === "comment" || action.a === "skip_comment"
        ? COMMENT_STEP
        : action.a === "appreciate" || action.a === "skip_appreciate"
          ? APPRECIATIVE_STEP
          : action.i;
    // An older message, a replay, or the second tap of a double tap: the screen shows what is current,
    // nothing is written.
    if (tapped !== onScreen || isDoubleTap(row.shownAt, now)) {
      return { update: this.show(c, draft, onScreen, answered, row.step === onScreen ? (row.shownAt ?? now) : now) };
    }
    switch (action.a) {
      case "back": {
        const before = previousStep(steps, onScreen);
        if (before === null) return this.refuse(personId, action, "nothing before the first step", c.t.nothingBefore);
        return { update: this.show(c, draft, before, answered, now) };
      }
      case "answer":
        draft.answer(action.i, action.v === "skip" ? null : action.v);
        return this.forward(c, personId, draft, steps, new Set([...answered, action.i]), now);
      case "followup":
        draft.answer(action.i, action.v === "skip" ? null : FOLLOW_UP_VALUE[action.v]);
        return this.forward(c, personId, draft, steps, new Set([...answered, action.i]), now);
      case "appreciate":
      case "skip_appreciate":
        // The step counts as answered (no value: it is no statement); the text waits in the draft.
        draft.answer(APPRECIATIVE_STEP, null);
        setDraftAppreciation(this.db, c.round.id, personId, action.a === "appreciate" ? (comment ?? "") : "");
        return this.forward(c, personId, draft, steps, new Set([...answered, APPRECIATIVE_STEP]), now);
      case "comment":
      case "skip_comment": {
        if (steps.some((s) => !answered.has(s)))
          return { update: this.show(c, draft, nextStep(steps, answered), answered, now) };
        return this.submit(c, personId, action.a === "comment" ? comment : undefined);
      }
    }
  }

  /** After an answer: where they left off, or, with everything answered and no open question, done. */
  private forward(
    c: Context,
    personId: string,
    draft: DraftStore,
    steps: readonly string[],
    answered: ReadonlySet<string>,
    now: Date,
  ): BotReply {
    const next = nextStep(steps, answered);
    if (next === COMMENT_STEP && c.instrument.openQuestion === null) return this.submit(c, personId, undefined);
    return { update: this.show(c, draft, next, answered, now) };
  }

  /** Puts a step on the person's screen, remembering which and since when. */
  private show(c: Context, draft: DraftStore, step: Step, given: ReadonlySet<string>, at: Date): BotMessage {
    draft.show(step, at);
    const view = this.view(c);
    // Only what is still asked counts: a follow-up question can go when its plan's focus areas change.
    const steps = this.steps(c);
    const answered = new Set([...given].filter((s) => steps.includes(s)));
    if (step === COMMENT_STEP) return commentMessage(view);
    if (step === APPRECIATIVE_STEP) return appreciativeMessage(view);
    if ((c.round.itemIds ?? []).includes(step)) return questionMessage(view, step, { answered });
    return followUpMessage(view, followUpQuestion(), step, { answered });
  }

  private refuse(
    personId: string,
    action: Exclude<BotAction, { a: "measure" }>,
    reason: string,
    text: string,
  ): BotReply {
    // Which person and what was refused, never the value that came with it.
    this.logger.warn({ person: personId, action: action.a, round: action.r, reason }, "action refused");
    return { update: textMessage(`survey:${action.r}`, text) };
  }

  private submit(c: Context, personId: string, comment: string | undefined): BotReply {
    // Inside handle's transaction; on the Db itself, so that the submit's statements are prepared once.
    const text = cleanText(comment ?? "", { multiline: true })
      .trim()
      .slice(0, 1000);
    if (text !== "") new DraftStore(this.db, c.round.id, personId).setComment(text);
    storeAnonymously(this.db, c.round.id, personId, true);
    this.stored = true;
    const resultsOn = formatDate(c.round.closesAt ?? this.clock.now(), c.locale, c.timezone);
    return { update: thanksMessage(this.view(c), resultsOn) };
  }
}
