import { type FocusArea, MAX_FOCUS_PER_KIND } from "../core/plan";
import type { Catalog } from "./catalog/types";
import type { BotAction, BotMessage, Choice, Field, FormValues } from "./message";

/** New measures one form adds; the leader opens the form again for more (a plan holds up to 3 per area). */
export const MEASURE_ROWS = 4;
const TEXT_MAX = 500;

export const rowField = (row: number, part: "text" | "area" | "who" | "due") => `m${row}_${part}`;

/** One value of a form, as text (a list's first). */
export function one(values: FormValues, id: string): string {
  const v = values[id];
  return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
}

/** A choice of several; a platform may send it as one comma-separated text (Teams' ChoiceSet). */
export function many(values: FormValues, id: string): string[] {
  const v = values[id];
  const list = Array.isArray(v) ? v : (v ?? "").split(",");
  return [...new Set(list.map((x) => x.trim()).filter(Boolean))];
}

/** A checkbox: Slack's selected option, Teams' "true", the web chat's "on". */
export function isOn(values: FormValues, id: string): boolean {
  return many(values, id).some((x) => x === "on" || x === "true");
}

export interface PlanFormData {
  roundId: string;
  unitId: string;
  unit: string;
  t: Catalog;
  factors: Choice[];
  /** The server's strengths and areas to improve, or the plan's areas when it has them. */
  focus: FocusArea[];
  /** What the form held when it was sent (kept when it comes back with errors or matches). */
  values: FormValues | null;
  errors: Record<string, string>;
  /** Measures already in the plan, as lines. */
  existing: string[];
  /** A chosen person's label, by id. */
  personLabel: (id: string) => Choice | null;
  /** The web chat's matches for a person field (others search live). */
  matches: (fieldId: string) => Choice[];
}

/** The action plan's form, the same on every platform: focus areas, then a few new measures, then share. */
export function planForm(d: PlanFormData): BotMessage {
  const { t, values } = d;
  const act = (a: "plan_save" | "plan_find"): BotAction => ({ a, r: d.roundId, u: d.unitId });
  const chosen = (kind: FocusArea["kind"]) =>
    values === null ? d.focus.filter((f) => f.kind === kind).map((f) => f.factorId) : many(values, kind);
  const err = (id: string) => (d.errors[id] === undefined ? {} : { error: d.errors[id] });
  const focusField = (kind: FocusArea["kind"]): Field => ({
    kind: "choice",
    id: kind,
    label:
      kind === "preserve" ? t.planPreserve(MAX_FOCUS_PER_KIND.preserve) : t.planImprove(MAX_FOCUS_PER_KIND.improve),
    optional: true,
    options: d.factors,
    chosen: chosen(kind),
    max: MAX_FOCUS_PER_KIND[kind],
    placeholder: t.planChooseAreas,
    ...err(kind),
  });
  const fields: Field[] = [focusField("preserve"), focusField("improve")];
  for (let row = 1; row <= MEASURE_ROWS; row++) {
    const v = (part: Parameters<typeof rowField>[1]) => (values === null ? "" : one(values, rowField(row, part)));
    const who = v("who");
    fields.push(
      { kind: "label", id: `m${row}`, label: t.planMeasureN(row), optional: true },
      {
        kind: "text",
        id: rowField(row, "text"),
        label: t.planMeasureText,
        optional: true,
        value: v("text"),
        placeholder: t.planMeasurePlaceholder,
        maxLength: TEXT_MAX,
        ...err(rowField(row, "text")),
      },
      {
        kind: "choice",
        id: rowField(row, "area"),
        label: t.planMeasureArea,
        optional: true,
        options: d.factors,
        chosen: v("area") === "" ? [] : [v("area")],
        max: 1,
        placeholder: t.planChooseArea,
        ...err(rowField(row, "area")),
      },
      {
        kind: "person",
        id: rowField(row, "who"),
        label: t.planMeasureWho,
        optional: true,
        chosen: who === "" ? null : d.personLabel(who),
        source: `${d.roundId}:${d.unitId}`,
        placeholder: t.planWhoPlaceholder,
        matches: d.matches(rowField(row, "who")),
        ...err(rowField(row, "who")),
      },
      {
        kind: "date",
        id: rowField(row, "due"),
        label: t.planMeasureDue,
        optional: true,
        value: v("due") === "" ? null : v("due"),
        ...err(rowField(row, "due")),
      },
    );
  }
  fields.push({
    kind: "toggle",
    id: "share",
    label: t.planShare,
    optional: true,
    on: values !== null && isOn(values, "share"),
  });
  const title = t.planFormTitle(d.unit);
  const intro = Object.keys(d.errors).length > 0 ? t.planFixErrors : t.planFormIntro;
  return {
    ref: `plan:${d.roundId}:${d.unitId}`,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: intro },
      ...(d.existing.length > 0 ? [{ type: "context" as const, text: t.planExisting(d.existing.join("\n")) }] : []),
      {
        type: "inputs",
        title: t.planModalTitle,
        fields,
        submit: { label: t.planSave, action: act("plan_save"), style: "primary" },
        search: { label: t.planSearch, action: act("plan_find") },
      },
    ],
    summary: title,
  };
}
