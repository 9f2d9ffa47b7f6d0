import { and, asc, eq, lte } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { benchmarks, rounds, units } from "../db/schema";
import type { Viewer } from "../db/viewer-store";
import { roundReports, type RoundReports, type UnitReport } from "../reports/report";
import { shownFactor } from "../reports/trend";
import type { ComparisonMark, HiddenHelp, TrendPoint, UnitTrend, UnitVisualsResponse } from "./api-types";

/** How many closed rounds a trend goes back: enough to read a direction, few enough to fit a phone. */
const TREND_ROUNDS = 8;

type Shown = Extract<UnitReport, { suppressed: false }>;
type UnitRow = { id: string; parentId: string | null; path: string };

/**
 * One unit's trend, comparisons and, when its report is hidden, the help its leader gets. Everything is
 * read from the anonymity-checked reports (src/reports/report.ts) and cut to the viewer's access
 * (src/core/access.ts): a hidden figure carries no number, a unit the viewer may not see is named, never shown.
 */
export function unitVisuals(store: Store, roundId: string, unitId: string, viewer: Viewer, k: number) {
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined || round.status === "scheduled")
    throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (round.status !== "closed") throw new PulsenError("conflict", { kind: "round_still_open", what: "results" });
  if (!viewer.access.results.has(unitId)) throw new PulsenError("forbidden", { kind: "unit_not_yours" });
  const unitRows = store.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units).all();
  const byId = new Map(unitRows.map((u) => [u.id, u]));
  const unit = byId.get(unitId);
  if (unit === undefined) throw new PulsenError("not_found", { kind: "unit_unknown" });
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const names = new Map(instrument.factors.map((f) => [f.id, f.name[viewer.locale]]));
  const all = roundReports(store, roundId, k);
  const report = all.byUnit.get(unitId);
  const shown = (id: string | null | undefined): Shown | null => {
    const r = id ? all.byUnit.get(id) : undefined;
    return r && !r.suppressed ? r : null;
  };
  // The nearest unit above whose report is shown: what a hidden unit's leader and a comparison read.
  let above = unit.parentId;
  while (above !== null && shown(above) === null) above = byId.get(above)?.parentId ?? null;

  const response: UnitVisualsResponse = {
    round: roundId,
    unitId,
    unit: unit.path,
    trend: unitTrend(store, round.seriesId, round.openedAt ?? round.createdAt, unitId, k, names),
    comparison: null,
    hidden: null,
  };
  if (report === undefined || report.suppressed) {
    response.hidden = hiddenHelp(report, above, byId, all, viewer, k, names);
    return response;
  }
  const root = all.rootUnitId;
  const mark = (id: string | null, factor: string): ComparisonMark | null => {
    if (id === null || !viewer.access.results.has(id)) return null;
    const f = shownFactor(shown(id) ?? undefined, factor);
    return f === null || f.score === null ? null : { score: f.score, n: f.n };
  };
  // The organization is its own line: a parent that is the organization is not drawn twice.
  const parentId = above === root ? null : above;
  const orgId = unitId === root ? null : root;
  const parentUnit = parentId === null ? null : (byId.get(parentId)?.path ?? null);
  const marks = store.select().from(benchmarks).where(eq(benchmarks.instrumentId, instrument.id)).all();
  // The organization itself, with no benchmark imported, has nothing to be compared with.
  if (parentUnit === null && orgId === null && marks.length === 0) return response;
  response.comparison = {
    parent: parentUnit === null ? null : { unit: parentUnit, visible: viewer.access.results.has(parentId ?? "") },
    organization:
      orgId === null ? null : { unit: byId.get(orgId)?.path ?? "", visible: viewer.access.results.has(orgId) },
    factors: report.factors.map((f) => ({
      id: f.id,
      name: names.get(f.id) ?? f.id,
      unit: f.suppressed || f.score === null ? null : { score: f.score, n: f.n },
      parent: mark(parentId, f.id),
      organization: mark(orgId, f.id),
      benchmarks: marks.filter((m) => m.factorId === f.id).map((m) => ({ label: m.label, value: m.value })),
    })),
  };
  return response;
}

/** Why a unit is hidden, the nearest shown unit above if the viewer may see it, and what shows it next time. */
function hiddenHelp(
  report: UnitReport | undefined,
  aboveId: string | null,
  byId: ReadonlyMap<string, UnitRow>,
  all: RoundReports,
  viewer: Viewer,
  k: number,
  names: ReadonlyMap<string, string>,
): HiddenHelp {
  const reason = report?.reason ?? "below_threshold";
  const invited = report?.invited ?? 0;
  const next = reason === "complementary" ? "more_around" : invited < k ? "more_people" : "more_answers";
  const base = { reason, k, invited, next } as const;
  const above = aboveId === null ? undefined : all.byUnit.get(aboveId);
  if (aboveId === null || above === undefined || above.suppressed) return { ...base, above: { kind: "none" } };
  const unit = byId.get(aboveId)?.path ?? above.unit;
  if (!viewer.access.results.has(aboveId)) return { ...base, above: { kind: "no_access", unit } };
  return {
    ...base,
    above: {
      kind: "shown",
      unit,
      unitId: aboveId,
      responses: above.responses,
      invited: above.invited,
      responseRate: above.responseRate,
      factors: above.factors.map((f) =>
        f.suppressed || f.score === null
          ? { id: f.id, name: names.get(f.id) ?? f.id, shown: false as const }
          : { id: f.id, name: names.get(f.id) ?? f.id, shown: true as const, score: f.score, n: f.n },
      ),
    },
  };
}

/**
 * Each factor's score over the series' closed rounds up to this one. A point carries its own n; a hidden
 * figure, or one whose group gained or lost 1..k−1 people since the round before (rule 10), carries no value.
 */
function unitTrend(
  store: Store,
  seriesId: string,
  upTo: Date,
  unitId: string,
  k: number,
  names: ReadonlyMap<string, string>,
): UnitTrend {
  const closed = store
    .select({ id: rounds.id, closedAt: rounds.closedAt })
    .from(rounds)
    .where(and(eq(rounds.seriesId, seriesId), eq(rounds.status, "closed"), lte(rounds.openedAt, upTo)))
    .orderBy(asc(rounds.openedAt))
    .all()
    .slice(-TREND_ROUNDS);
  const reports = closed.map((r) => roundReports(store, r.id, k).byUnit.get(unitId));
  const factorIds = [...names.keys()].filter((id) =>
    reports.some((r) => r !== undefined && !r.suppressed && r.factors.some((f) => f.id === id)),
  );
  return {
    rounds: closed.map((r) => ({ id: r.id, closedAt: r.closedAt?.toISOString() ?? null })),
    factors: factorIds.map((id) => ({
      id,
      name: names.get(id) ?? id,
      points: closed.map((r, i): TrendPoint => {
        const report = reports[i];
        if (report === undefined || report.invited === 0) return { round: r.id, shown: false, why: "absent" };
        if (report.suppressed) return { round: r.id, shown: false, why: "hidden" };
        const f = report.factors.find((x) => x.id === id);
        if (f === undefined) return { round: r.id, shown: false, why: "not_asked" };
        if (f.suppressed || f.score === null) return { round: r.id, shown: false, why: "hidden" };
        if (f.trendWithheld === "group_changed") return { round: r.id, shown: false, why: "group_changed" };
        return { round: r.id, shown: true, score: f.score, n: f.n };
      }),
    })),
  };
}
