import { and, eq, inArray, or } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import type { MeasureId } from "../core/ids";
import { type FocusArea, MAX_FOCUS_PER_KIND, MAX_MEASURES_PER_AREA } from "../core/plan";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { people, rounds, unitLeaders, units } from "../db/schema";
import { loadViewer, type Viewer } from "../db/viewer-store";
import { roundReports } from "../reports/report";
import { subtreeUnitIds } from "../rounds/audience";
import { type AppreciativeView, appreciativeFor } from "./appreciative";
import { deadlineOnDay } from "./measure-deadline";
import { addMeasure, ensurePlan, findPlan, type PlanView, setFocusAreas } from "./plans";

/** Someone who can be made responsible for a measure: unit and e-mail beside the name, to tell namesakes apart. */
export interface PlanCandidate {
  id: string;
  name: string;
  unit: string;
  email: string;
}

/** Everything a surface (web app, Slack modal, Teams card, web chat) needs to show and write a unit's plan. */
export interface PlanDraft {
  plan: PlanView | null;
  canEdit: boolean;
  /** The round's factors, named in the reader's language. */
  factors: { id: string; name: string }[];
  /** The unit's strengths (to preserve) and areas to improve, as its report decided them; empty when hidden. */
  suggested: { preserve: string[]; improve: string[] };
  limits: { preserve: number; improve: number; measuresPerArea: number };
  /** Who can be made responsible; empty unless the viewer may write the plan. */
  people: PlanCandidate[];
  /** "What has improved, and what made it happen?" as this round answered it; null if not asked or not theirs. */
  appreciative: AppreciativeView | null;
}

interface Target {
  roundId: string;
  unitId: string;
  /** Who is asking: the signed-in viewer on the web, the person behind a chat user. */
  personId: string;
}

function viewerFor(db: Db, personId: string): Viewer {
  const viewer = loadViewer(db, personId);
  if (viewer === null) throw new PulsenError("forbidden", { kind: "sign_in_first" });
  return viewer;
}

function readable(db: Db, t: Target): Viewer {
  const viewer = viewerFor(db, t.personId);
  if (!viewer.access.results.has(t.unitId)) throw new PulsenError("forbidden", { kind: "unit_not_yours" });
  return viewer;
}

function writable(db: Db, t: Target): Viewer {
  const viewer = readable(db, t);
  if (!viewer.access.plans.has(t.unitId))
    throw new PulsenError("forbidden", { kind: "leaders_and_hr_only", what: "plan" });
  return viewer;
}

/** A unit's plan as its reader may see it, with what to choose from when they may write it. */
export function planDraft(db: Db, t: Target, k: number, now: Date): PlanDraft {
  const viewer = readable(db, t);
  const r = db.select().from(rounds).where(eq(rounds.id, t.roundId)).get();
  if (r === undefined || r.status === "scheduled")
    throw new PulsenError("not_found", { kind: "round_unknown", id: t.roundId });
  const { instrument } = getInstrument(db, r.instrumentId, r.instrumentVersion ?? undefined);
  const asked = new Set(r.itemIds ?? []);
  const canEdit = viewer.access.plans.has(t.unitId) && r.status === "closed";
  const report = r.status === "closed" ? roundReports(db, t.roundId, k, false).byUnit.get(t.unitId) : undefined;
  const shown = report !== undefined && !report.suppressed ? report : null;
  return {
    plan: findPlan(db, t.roundId, t.unitId, now),
    canEdit,
    factors: instrument.factors
      .filter((f) => f.items.some((i) => asked.has(i.id)))
      .map((f) => ({ id: f.id, name: f.name[viewer.locale] })),
    suggested: {
      preserve: (shown?.strengths ?? []).slice(0, MAX_FOCUS_PER_KIND.preserve),
      improve: (shown?.improvements ?? []).slice(0, MAX_FOCUS_PER_KIND.improve),
    },
    limits: { ...MAX_FOCUS_PER_KIND, measuresPerArea: MAX_MEASURES_PER_AREA },
    people: canEdit ? planCandidates(db, t.unitId) : [],
    appreciative: appreciativeFor(db, t.roundId, t.unitId, viewer, k),
  };
}

/** Sets the plan's focus areas (one to four, two of each kind at most), creating the plan on first use. */
export function savePlanFocus(db: Db, t: Target, areas: readonly FocusArea[], now: Date): PlanView {
  const viewer = writable(db, t);
  db.transaction((tx) => setFocusAreas(tx, ensurePlan(tx, t.roundId, t.unitId, viewer.id, now), areas, now));
  return findPlan(db, t.roundId, t.unitId, now) as PlanView;
}

export interface MeasureInput {
  text: string;
  /** A person among planCandidates. */
  responsibleId: string;
  /** A day, YYYY-MM-DD: the status question comes at 09:00 that day in the organization's zone. */
  deadline: string;
  /** One of the plan's focus areas. */
  factorId: string;
}

/** Adds a measure to one of the plan's focus areas (three at most each) and schedules its follow-up. */
export function addPlanMeasure(db: Db, t: Target, m: MeasureInput, now: Date): { id: MeasureId; plan: PlanView } {
  const viewer = writable(db, t);
  if (!planCandidates(db, t.unitId).some((p) => p.id === m.responsibleId))
    throw new PulsenError("input_invalid", { kind: "person_not_in_unit", field: "responsibleId" });
  const deadline = deadlineOnDay(db, m.deadline);
  const id = db.transaction((tx) => {
    const planId = ensurePlan(tx, t.roundId, t.unitId, viewer.id, now);
    const measure = { text: m.text, responsibleId: m.responsibleId, deadline, factorId: m.factorId };
    return addMeasure(tx, planId, measure, viewer.id, now);
  });
  return { id, plan: findPlan(db, t.roundId, t.unitId, now) as PlanView };
}

/** Who can be made responsible: the unit's people (with sub-units) and its leaders, by name. */
export function planCandidates(db: Db, unitId: string): PlanCandidate[] {
  const inUnits = subtreeUnitIds(db, unitId);
  const leaders = db
    .select({ id: unitLeaders.personId })
    .from(unitLeaders)
    .where(eq(unitLeaders.unitId, unitId))
    .all()
    .map((l) => l.id);
  const where =
    leaders.length > 0
      ? or(inArray(people.unitId, inUnits), inArray(people.id, leaders))
      : inArray(people.unitId, inUnits);
  return db
    .select({ id: people.id, name: people.name, unit: units.path, email: people.email })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.active, true), where))
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, "nb"));
}
