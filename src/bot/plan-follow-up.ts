import { personSettings } from "../db/person-settings";
import { eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { isPulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { MEASURE_STATUSES, type MeasureStatus } from "../core/plan";
import type { Db } from "../db/open";
import { actionPlans, measures, people, units } from "../db/schema";
import type { Intent, Platform } from "../jobs/sender";
import { listPlans, reportMeasureStatus } from "../plans/plans";
import { catalogs, formatDate } from "./catalog";
import type { BotAction, BotMessage, BotReply } from "./message";

type MeasureIntent = Extract<Intent, { kind: "measure_remind" | "measure_ask" | "plan_progress" }>;

/**
 * The action plan in chat: a reminder before a measure's deadline, the
 * status question on the day (done / in progress / not started), and each
 * change posted to the unit. Measures are about the team's work, never
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
    // In the order people report: done first.
    const order: MeasureStatus[] = ["done", "in_progress", "not_started"];
    return {
      type: "buttons",
      buttons: order.map((s) => ({
        label: t.measureStatus[s],
        action: { a: "measure", m: measureId, s },
        style: s === "done" ? "primary" : "default",
      })),
    };
  }

  compose(intent: MeasureIntent, personId: string | null): BotMessage | null {
    const row = this.measure(intent.measureId);
    if (row === undefined) return null;
    const { locale, timezone } = this.who(personId);
    const t = catalogs[locale];
    const ref = `measure:${intent.measureId}`;
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
    const title = intent.kind === "measure_remind" ? t.measureRemindTitle : t.measureAskTitle;
    return {
      ref,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: row.m.text },
        { type: "context", text: t.measureLine(row.unit, formatDate(row.m.deadline, locale, timezone)) },
        this.statusButtons(intent.measureId, locale),
      ],
      summary: title,
    };
  }

  handle(personId: string, action: Extract<BotAction, { a: "measure" }>): BotReply {
    const t = catalogs[this.who(personId).locale];
    const text = (s: string): BotReply => ({
      update: { ref: `measure:${action.m}`, blocks: [{ type: "text", text: s }], summary: s },
    });
    if (!MEASURE_STATUSES.includes(action.s)) return text(t.measureNotYours);
    try {
      reportMeasureStatus(this.db, action.m, action.s, personId, this.platforms, this.clock.now());
      return text(t.measureThanks(t.measureStatus[action.s]));
    } catch (e) {
      if (isPulsenError(e) && (e.code === "forbidden" || e.code === "not_found")) return text(t.measureNotYours);
      throw e;
    }
  }
}
