import { and, desc, eq, lt } from "drizzle-orm";
import { decideVisibility } from "../core/anonymity";
import { PulsenError } from "../core/errors";
import { type Counts, addCounts, describe, emptyCounts, factorFigures, responseRate } from "../core/scoring";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { rounds, units } from "../db/schema";
import { type UnitAggregate, aggregateRound, emptyAggregate, mergeInto } from "./aggregate";

/** The report JSON of CONTRACT.md. */
export interface FactorReport {
  id: string;
  n: number;
  mean: number | null;
  score: number | null;
  distribution: number[];
  favorable: number | null;
  trend: number | null;
}

export interface ItemReport {
  id: string;
  factor: string;
  n: number;
  mean: number | null;
  distribution: number[];
}

export type UnitReport =
  | {
      round: string;
      unit: string;
      includesSubunits: true;
      invited: number;
      responses: number;
      responseRate: number;
      suppressed: false;
      reason: null;
      factors: FactorReport[];
      items: ItemReport[];
    }
  | { round: string; unit: string; includesSubunits: true; invited: number; suppressed: true; reason: "below_threshold" | "complementary" };

export interface RoundReports {
  roundId: string;
  /** unitId → report; every unit of the organization, shown or suppressed. */
  byUnit: Map<string, UnitReport>;
  byPath: Map<string, UnitReport>;
  rootUnitId: string | null;
}

/**
 * Every unit's report for a closed round, with the anonymity engine's
 * decisions applied: a suppressed unit keeps only its name and how many
 * were invited. Answer content of an open round is never reported (rule 6).
 */
export function roundReports(store: Store, roundId: string, k: number, withTrend = true): RoundReports {
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", `no round "${roundId}"`);
  if (round.status !== "closed") throw new PulsenError("conflict", `round ${roundId} is still ${round.status}: results are shown only after it closes`);
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const itemIds = round.itemIds ?? [];
  const own = aggregateRound(store, roundId, instrument, itemIds);

  const unitRows = store.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units).all();
  const children = new Map<string, string[]>();
  for (const u of unitRows) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const rolled = new Map<string, UnitAggregate>();
  const roll = (id: string): UnitAggregate => {
    const done = rolled.get(id);
    if (done) return done;
    const a = emptyAggregate();
    mergeInto(a, own.get(id) ?? emptyAggregate());
    for (const c of children.get(id) ?? []) mergeInto(a, roll(c));
    rolled.set(id, a);
    return a;
  };
  const visibility = decideVisibility(
    unitRows.map((u) => ({ id: u.id, parentId: u.parentId, own: own.get(u.id)?.responses ?? 0 })),
    k,
  );

  const previous = withTrend ? previousRound(store, round.seriesId, round.openedAt ?? round.createdAt) : null;
  const before = previous ? roundReports(store, previous, k, false) : null;

  const byUnit = new Map<string, UnitReport>();
  const byPath = new Map<string, UnitReport>();
  for (const u of unitRows) {
    const a = roll(u.id);
    const v = visibility.get(u.id);
    let report: UnitReport;
    if (!v || !v.visible) {
      report = { round: roundId, unit: u.path, includesSubunits: true, invited: a.invited, suppressed: true, reason: v && !v.visible ? v.reason : "below_threshold" };
    } else {
      const then = before?.byUnit.get(u.id);
      const factors = instrument.factors
        .filter((f) => f.items.some((i) => itemIds.includes(i.id)))
        .map((f): FactorReport => {
          const pooled = f.items.reduce<Counts>((acc, i) => addCounts(acc, a.items.get(i.id) ?? emptyCounts()), emptyCounts());
          const s = a.factors.get(f.id) ?? { respondents: 0, meanSum: 0 };
          const figures = factorFigures(s.meanSum, s.respondents, pooled);
          const earlier = then && !then.suppressed ? then.factors.find((x) => x.id === f.id)?.mean ?? null : null;
          return { id: f.id, ...figures, trend: figures.mean !== null && earlier !== null ? Math.round((figures.mean - earlier) * 100) / 100 : null };
        });
      const items = instrument.factors.flatMap((f) =>
        f.items
          .filter((i) => itemIds.includes(i.id))
          .map((i): ItemReport => {
            const d = describe(a.items.get(i.id) ?? emptyCounts());
            return { id: i.id, factor: f.id, n: d.n, mean: d.mean, distribution: d.distribution };
          }),
      );
      report = { round: roundId, unit: u.path, includesSubunits: true, invited: a.invited, responses: a.responses, responseRate: responseRate(a.responses, a.invited), suppressed: false, reason: null, factors, items };
    }
    byUnit.set(u.id, report);
    byPath.set(u.path, report);
  }
  return { roundId, byUnit, byPath, rootUnitId: unitRows.find((u) => u.parentId === null)?.id ?? null };
}

/** The previous closed round of the same series, for trends. */
export function previousRound(store: Store, seriesId: string, before: Date): string | null {
  return (
    store
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.seriesId, seriesId), eq(rounds.status, "closed"), lt(rounds.openedAt, before)))
      .orderBy(desc(rounds.openedAt))
      .limit(1)
      .get()?.id ?? null
  );
}

/** One unit's report (the organization's when no path is given). */
export function unitReport(store: Store, roundId: string, k: number, unitPath?: string): UnitReport {
  const all = roundReports(store, roundId, k);
  if (unitPath === undefined) {
    const root = all.rootUnitId === null ? undefined : all.byUnit.get(all.rootUnitId);
    if (root === undefined) throw new PulsenError("not_found", "no organization");
    return root;
  }
  const r = all.byPath.get(unitPath.trim());
  if (r === undefined) throw new PulsenError("not_found", `no unit "${unitPath}" (see: pulsen org show)`);
  return r;
}
