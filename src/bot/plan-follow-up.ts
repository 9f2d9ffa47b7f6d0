import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Clock } from "../core/clock";
import { isPulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { MEASURE_STATUSES, type MeasureStatus } from "../core/plan";
import type { Db } from "../db/open";
import { personSettings } from "../db/person-settings";
import { actionPlans, measures, people, units } from "../db/schema";
import type { Intent, Platform } from "../jobs/sender";
import { moveMeasureDeadline } from "../plans/measure-deadline";
import { listPlans, reportMeasureStatus } from "../plans/plans";
import { catalogs, formatDate } from "./catalog";
import type { BotAction, BotMessage, BotReply } from "./message";
import { monthlyNote } from "./plan-monthly";

const PLAN_INTENTS = ["measure_remind", "measure_ask", "plan_progress", "measure_escalate", "plan_monthly"] as const;
type PlanIntent = Extract<Intent, { kind: (typeof PLAN_INTENTS)[number] }>;

/** The intents this file composes: the survey engine hands them over unread. */
export function isPlanIntent(intent: Intent): intent is PlanIntent {
  return (PLAN_INTENTS as readonly string[]).includes(intent.kind);
}

/** "Need more time" offers these: a week, two, a month from today. */
const LATER_DAYS = [7, 14, 30] as const;

/**
 * The action plan in chat: reminders before a measure's deadline, the
 * status question on the day (done / in progress / need more time, with a
 * new date), an overdue measure to the unit's leaders once, each change and
 * a monthly note to the unit. Measures are about the team's work, never
 * about anyone's answers.
 */
export class PlanFollowUp {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly platforms: ReadonlySet<Platform>,
  ) {}

  private who(personId: string | null): { locale: Locale; timezone: string } {
    return personSettings(this.db, personId);
  }

  private measure(measureId: string) {
    return this.db
      .select({ m: measures, unit: units.path, unitId: units.id, responsible: people.name })
      .from(measures)
      .innerJoin(actionPlans, eq(actionPlans.id, measures.planId))
      .innerJoin(units, eq(units.id, actionPlans.unitId))
      .leftJoin(people, eq(people.id, measures.responsibleId))
      .where(eq(measures.id, measureId))
      .get();
  }

  private statusButtons(measureId: string, locale: Locale): BotMessage["blocks"][number] {
    const t = catalogs[locale];
    return {
      type: "buttons",
      buttons: [
        { label: t.measureStatus.done, action: { a: "measure", m: measureId, s: "done" }, style: "primary" },
        { label: t.measureStatus.in_progress, action: { a: "measure", m: measureId, s: "in_progress" } },
        { label: t.measureLater, action: { a: "measure", m: measureId, s: "later" } },
      ],
    };
  }

  compose(intent: PlanIntent, personId: string | null): BotMessage | null {
    if (intent.kind === "plan_monthly") return monthlyNote(this.db, this.clock.now(), intent, personId);
    const row = this.measure(intent.measureId);
    if (row === undefined) return null;
    const { locale, timezone } = this.who(personId);
    const t = catalogs[locale];
    const ref = `measure:${intent.measureId}`;
    const deadline = formatDate(row.m.deadline, locale, timezone);
    if (intent.kind === "plan_progress") {
      const plan = listPlans(this.db, this.clock.now(), { unitIds: [row.unitId], roundId: undefined }).find((p) =>
        p.measures.some((m) => m.id === intent.measureId),
      );
      const title = t.planProgressTitle(row.unit);
      const text = t.planProgress(
        row.m.text,
        row.responsible ?? "–",
        t.measureStatus[row.m.status],
        plan?.progress.done ?? 0,
        plan?.progress.total ?? 0,
      );
      return {
        ref: `${ref}:progress`,
        blocks: [
          { type: "header", text: title },
          { type: "text", text },
        ],
        summary: title,
      };
    }
    if (row.m.status === "done") return null;
    if (intent.kind === "measure_escalate") {
      const title = t.measureEscalateTitle;
      return {
        ref: `${ref}:escalate`,
        blocks: [
          { type: "header", text: title },
          { type: "text", text: row.m.text },
          { type: "context", text: `${row.unit} · ${t.measureEscalateText(row.responsible ?? "–", deadline)}` },
        ],
        summary: title,
      };
    }
    const title = intent.kind === "measure_remind" ? t.measureRemindIn(intent.days ?? 7) : t.measureAskToday;
    return {
      ref,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: row.m.text },
        { type: "context", text: t.measureLine(row.unit, deadline) },
        this.statusButtons(intent.measureId, locale),
      ],
      summary: title,
    };
  }

  handle(personId: string, action: Extract<BotAction, { a: "measure" }>): BotReply {
    const { locale, timezone } = this.who(personId);
    const t = catalogs[locale];
    const text = (s: string): BotReply => ({
      update: { ref: `measure:${action.m}`, blocks: [{ type: "text", text: s }], summary: s },
    });
    const now = this.clock.now();
    try {
      if (action.s === "later") {
        if (action.d === undefined) return this.laterChoices(action.m, locale, timezone);
        const moved = moveMeasureDeadline(this.db, action.m, action.d, personId, now);
        return text(t.measureMoved(formatDate(moved.deadline, locale, timezone)));
      }
      if (!MEASURE_STATUSES.includes(action.s)) return text(t.measureNotYours);
      reportMeasureStatus(this.db, action.m, action.s as MeasureStatus, personId, this.platforms, now);
      return text(t.measureThanks(t.measureStatus[action.s]));
    } catch (e) {
      if (isPulsenError(e) && e.code !== "internal" && e.code !== "config_invalid") return text(t.measureNotYours);
      throw e;
    }
  }

  /** The same message, now asking for the new deadline: a week, two weeks or a month from today. */
  private laterChoices(measureId: string, locale: Locale, timezone: string): BotReply {
    const t = catalogs[locale];
    const row = this.measure(measureId);
    if (row === undefined) return { update: { ref: `measure:${measureId}`, blocks: [], summary: t.measureNotYours } };
    const today = DateTime.fromJSDate(this.clock.now(), { zone: timezone });
    const buttons = LATER_DAYS.map((days) => {
      const day = today.plus({ days });
      return {
        label: formatDate(day.toJSDate(), locale, timezone),
        action: { a: "measure", m: measureId, s: "later", d: day.toISODate() ?? "" } as const,
      };
    });
    return {
      update: {
        ref: `measure:${measureId}`,
        blocks: [
          { type: "text", text: row.m.text },
          { type: "context", text: t.measureLaterAsk },
          { type: "buttons", buttons },
        ],
        summary: t.measureLaterAsk,
      },
    };
  }
}
