import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Clock } from "../core/clock";
import { isPulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { type FocusArea, MAX_FOCUS_PER_KIND } from "../core/plan";
import { sayProblem } from "../core/problem-text";
import { getInstrument } from "../db/instrument-store";
import type { Db, Tx } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { personSettings } from "../db/person-settings";
import { people, rounds, units } from "../db/schema";
import { loadViewer } from "../db/viewer-store";
import { queueToUnit } from "../jobs/address";
import { outboxKey } from "../jobs/keys";
import type { Platform } from "../jobs/sender";
import { addMeasure, ensurePlan, findPlan, type PlanView, setFocusAreas } from "../plans/plans";
import { roundReports } from "../reports/report";
import { catalogs, formatDate } from "./catalog";
import type { BotAction, BotMessage, BotReply, Choice, FormValues } from "./message";
import { planCandidates } from "../plans/plan-edit";
import { candidateChoice, searchCandidates } from "./plan-people";
import { isOn, MEASURE_ROWS, many, one, planForm, rowField } from "./plan-form";
import { textMessage } from "./survey-messages";

type PlanAction = Extract<BotAction, { a: "plan" | "plan_save" | "plan_find" }>;

/** A form's values from a platform: untrusted, so bounded in number and size. */
const formSchema = z
  .record(z.string().max(40), z.union([z.string().max(2000), z.array(z.string().max(200)).max(20)]))
  .refine((v) => Object.keys(v).length <= 80);

/** Thrown inside the save's transaction so that nothing of a form with mistakes is written. */
class Rejected extends Error {
  constructor(readonly errors: Record<string, string>) {
    super("form rejected");
  }
}

/** A problem as a sentence on its own (the English texts are also the log's fragments). */
function sentence(text: string): string {
  const s = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** Where a measure's problem belongs on the form (the problem kinds of src/core/problem.ts). */
function rowPart(kind: string): "text" | "area" | "who" | "due" {
  if (kind.startsWith("deadline_")) return "due";
  if (kind === "responsible_not_active" || kind === "person_not_in_unit") return "who";
  if (kind === "measure_text_length") return "text";
  return "area";
}

/**
 * The action plan made in chat (DESIGN.md "Action plans"): the digest's
 * *Make an action plan* opens a form of focus areas and measures, the same
 * for Slack's modal, Teams' card and the web chat's form. Every rule is the
 * plan store's (src/plans/plans.ts); this only asks, says its problems in the
 * leader's language, and keeps what was typed when something is wrong.
 */
export class PlanMaking {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly anonymityMin: number,
    private readonly platforms: ReadonlySet<Platform>,
  ) {}

  handle(personId: string, action: PlanAction, form: unknown): BotReply {
    const locale = personSettings(this.db, personId).locale;
    const t = catalogs[locale];
    const unit = this.db.select({ path: units.path }).from(units).where(eq(units.id, action.u)).get();
    const round = this.db.select().from(rounds).where(eq(rounds.id, action.r)).get();
    // A refusal leaves the tapped message alone (in a channel it is the team's digest) and says why apart.
    const refuse = (text: string): BotReply => ({
      post: [textMessage(`plan:${action.r}:${action.u}`, text)],
      modal: true,
    });
    if (unit === undefined || round === undefined) return refuse(t.notUnderstood);
    // The server's one rule of who writes a unit's plan: its leaders (and those above) and HR.
    if (!this.mayWrite(personId, action.u)) return refuse(t.planOnlyLeader);
    if (round.status !== "closed") return refuse(sentence(sayProblem({ kind: "plan_waits_for_close" }, locale)));
    const values = formSchema.safeParse(form ?? {});
    const sent = values.success ? values.data : {};
    switch (action.a) {
      case "plan":
        // A new form each time the digest's button is tapped: Slack opens it as a modal.
        return { post: [this.form(locale, action, unit.path, null, {})], modal: true };
      case "plan_find":
        return { update: this.form(locale, action, unit.path, sent, {}) };
      case "plan_save":
        return this.save(personId, locale, action, unit.path, sent);
    }
  }

  /** People who may be made responsible, matching what was typed; none for someone who may not write the plan. */
  findPeople(personId: string, source: string, query: string): Choice[] {
    const [roundId, unitId] = source.split(":");
    if (roundId === undefined || unitId === undefined || !this.mayWrite(personId, unitId)) return [];
    return searchCandidates(this.db, unitId, query.slice(0, 100));
  }

  private mayWrite(personId: string, unitId: string): boolean {
    return loadViewer(this.db, personId)?.access.plans.has(unitId) ?? false;
  }

  private factors(roundId: string, locale: Locale): Choice[] {
    const r = this.db.select().from(rounds).where(eq(rounds.id, roundId)).get();
    if (r === undefined) return [];
    const { instrument } = getInstrument(this.db, r.instrumentId, r.instrumentVersion ?? undefined);
    const asked = new Set(r.itemIds ?? []);
    return instrument.factors
      .filter((f) => f.items.some((i) => asked.has(i.id)))
      .map((f) => ({ value: f.id, label: f.name[locale] }));
  }

  /** The plan's focus areas, or else the report's suggestion: strengths to preserve, improvements to improve. */
  private suggested(plan: PlanView | null, roundId: string, unitId: string): FocusArea[] {
    if (plan !== null && plan.focus.length > 0) return plan.focus;
    const report = roundReports(this.db, roundId, this.anonymityMin).byUnit.get(unitId);
    if (report === undefined || report.suppressed) return [];
    return [
      ...report.strengths
        .slice(0, MAX_FOCUS_PER_KIND.preserve)
        .map((factorId) => ({ factorId, kind: "preserve" as const })),
      ...report.improvements
        .slice(0, MAX_FOCUS_PER_KIND.improve)
        .map((factorId) => ({ factorId, kind: "improve" as const })),
    ];
  }

  private form(
    locale: Locale,
    action: PlanAction,
    unit: string,
    values: FormValues | null,
    errors: Record<string, string>,
  ): BotMessage {
    const plan = findPlan(this.db, action.r, action.u, this.clock.now());
    const candidates = planCandidates(this.db, action.u);
    const label = (id: string) => {
      const c = candidates.find((x) => x.id === id);
      return c === undefined ? null : candidateChoice(c);
    };
    return planForm({
      roundId: action.r,
      unitId: action.u,
      unit,
      t: catalogs[locale],
      factors: this.factors(action.r, locale),
      focus: this.suggested(plan, action.r, action.u),
      values,
      errors,
      existing: this.lines(locale, plan),
      personLabel: label,
      // The web chat's search field for each person field, by its name ("q:" and the field's id).
      matches: (id) => searchCandidates(this.db, action.u, values === null ? "" : one(values, `q:${id}`)),
    });
  }

  private lines(locale: Locale, plan: PlanView | null): string[] {
    const t = catalogs[locale];
    const timezone = orgTimeZone(this.db);
    return (plan?.measures ?? []).map((m) =>
      t.planMeasureItem(m.text, m.responsible?.name ?? "–", formatDate(new Date(m.deadline), locale, timezone)),
    );
  }

  private save(personId: string, locale: Locale, action: PlanAction, unit: string, values: FormValues): BotReply {
    const t = catalogs[locale];
    const errors: Record<string, string> = {};
    const areas: FocusArea[] = [
      ...many(values, "preserve").map((factorId) => ({ factorId, kind: "preserve" as const })),
      ...many(values, "improve").map((factorId) => ({ factorId, kind: "improve" as const })),
    ];
    const chosen = new Set(areas.map((a) => a.factorId));
    const candidates = new Set(planCandidates(this.db, action.u).map((c) => c.id));
    const zone = orgTimeZone(this.db);
    const rows: { row: number; text: string; factorId: string; responsibleId: string; deadline: Date }[] = [];
    for (let row = 1; row <= MEASURE_ROWS; row++) {
      const v = (part: Parameters<typeof rowField>[1]) => one(values, rowField(row, part));
      if (v("text") === "" && v("who") === "" && v("due") === "") continue;
      for (const part of ["text", "area", "who", "due"] as const)
        if (v(part) === "") errors[rowField(row, part)] = t.planRequired;
      const due = DateTime.fromISO(v("due"), { zone });
      if (v("due") !== "" && (!/^\d{4}-\d{2}-\d{2}$/.test(v("due")) || !due.isValid))
        errors[rowField(row, "due")] = t.planDateInvalid;
      if (v("area") !== "" && !chosen.has(v("area"))) errors[rowField(row, "area")] = t.planAreaNotChosen;
      if (v("who") !== "" && !candidates.has(v("who"))) errors[rowField(row, "who")] = t.planNotInUnit;
      // The status question comes at 09:00 on the day, in the organization's time zone (as on the dashboard).
      rows.push({
        row,
        text: v("text"),
        factorId: v("area"),
        responsibleId: v("who"),
        deadline: due.set({ hour: 9 }).toJSDate(),
      });
    }
    const share = isOn(values, "share");
    const now = this.clock.now();
    try {
      if (Object.keys(errors).length > 0) throw new Rejected(errors);
      this.db.transaction((tx) => {
        const planId = ensurePlan(tx, action.r, action.u, personId, now);
        const said = (e: unknown) => {
          if (isPulsenError(e) && e.problem !== null && e.code === "input_invalid")
            return sentence(sayProblem(e.problem, locale));
          throw e;
        };
        try {
          setFocusAreas(tx, planId, areas, now);
        } catch (e) {
          const focus = isPulsenError(e) && e.problem !== null && "focus" in e.problem ? e.problem.focus : null;
          errors[focus === "preserve" ? "preserve" : "improve"] = said(e);
          // The measures would only repeat that their areas are not the plan's.
          throw new Rejected(errors);
        }
        for (const r of rows) {
          try {
            addMeasure(tx, planId, r, personId, now);
          } catch (e) {
            const kind = isPulsenError(e) && e.problem !== null ? e.problem.kind : "";
            errors[rowField(r.row, rowPart(kind))] = said(e);
          }
        }
        if (Object.keys(errors).length > 0) throw new Rejected(errors);
        if (share) this.share(tx, planId, personId, action, unit, now);
      });
    } catch (e) {
      if (!(e instanceof Rejected)) throw e;
      return { update: this.form(locale, action, unit, values, e.errors), invalid: e.errors };
    }
    return { update: this.saved(locale, action, unit, rows.length, share) };
  }

  private share(tx: Tx, planId: string, personId: string, action: PlanAction, unit: string, now: Date): void {
    // In the unit's own language: whoever reads its channel.
    const locale = personSettings(this.db, null).locale;
    const t = catalogs[locale];
    const plan = findPlan(tx, action.r, action.u, now);
    const by = tx.select({ name: people.name }).from(people).where(eq(people.id, personId)).get()?.name ?? "–";
    const text = [
      t.planSharedHeader(unit, by),
      this.focusLine(locale, action.r, plan),
      ...this.lines(locale, plan),
    ].join("\n");
    const keys = {
      channel: outboxKey({ kind: "plan-shared", planId, at: now.getTime() }),
      person: (p: string) => outboxKey({ kind: "plan-shared", planId, at: now.getTime(), personId: p }),
    };
    queueToUnit(tx, action.u, keys, { kind: "notice", text }, { platforms: this.platforms, now });
  }

  private focusLine(locale: Locale, roundId: string, plan: PlanView | null): string {
    const t = catalogs[locale];
    const names = new Map(this.factors(roundId, locale).map((f) => [f.value, f.label]));
    const of = (kind: FocusArea["kind"]) =>
      (plan?.focus ?? [])
        .filter((f) => f.kind === kind)
        .map((f) => names.get(f.factorId) ?? f.factorId)
        .join(", ");
    return t.planFocusLine(of("preserve"), of("improve"));
  }

  /** What the form becomes once saved: the plan as it now stands, and a way to add more. */
  private saved(locale: Locale, action: PlanAction, unit: string, added: number, shared: boolean): BotMessage {
    const t = catalogs[locale];
    const plan = findPlan(this.db, action.r, action.u, this.clock.now());
    const title = t.planSaved(unit, added);
    return {
      ref: `plan:${action.r}:${action.u}`,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: this.focusLine(locale, action.r, plan) },
        ...this.lines(locale, plan).map((text) => ({ type: "text" as const, text })),
        ...(shared ? [{ type: "context" as const, text: t.planSharedNote }] : []),
        { type: "buttons", buttons: [{ label: t.planAddMore, action: { a: "plan", r: action.r, u: action.u } }] },
      ],
      summary: title,
    };
  }
}
