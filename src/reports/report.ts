import { and, desc, eq, lt } from "drizzle-orm";
import { type ReportVisibility, type UnitTree, decideReport, unitTree } from "../core/anonymity";
import { PulsenError } from "../core/errors";
import type { Instrument } from "../core/instrument";
import {
  type Counts,
  addCounts,
  describe,
  emptyCounts,
  factorFigures,
  responseRate,
  strengthsAndImprovements,
} from "../core/scoring";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { type RoundRow, roundSnapshots, rounds, units } from "../db/schema";
import { type UnitAggregate, aggregateRound, emptyAggregate, mergeInto } from "./aggregate";
import { type GroupChange, groupChange, trendAllowed } from "./group-change";
import type { Earlier, FactorReport, ItemReport, RoundReports, ShownReport, UnitReport } from "./report-types";
import { hideBelow, withTrends } from "./trend";

export type { FactorReport, HiddenFigure, RoundReports, UnitReport } from "./report-types";

type UnitRow = { id: string; parentId: string | null; path: string };

/**
 * Every unit's report for a closed round, with the anonymity engine's
 * decisions applied per figure: a suppressed unit keeps only its name and how
 * many were invited; inside a shown unit, a hidden statement or factor keeps
 * only its id and why. Answer content of an open round is never reported (rule 6).
 * A round whose answers retention deleted is read from its snapshot (src/reports/snapshot.ts).
 */
export function roundReports(store: Store, roundId: string, k: number, withTrend = true): RoundReports {
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (round.status !== "closed") {
    throw new PulsenError(
      "conflict",
      `round ${roundId} is still ${round.status}: results are shown only after it closes`,
    );
  }
  const unitRows = store.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units).all();
  const tree = unitTree(unitRows);
  const own = storedReports(store, roundId, unitRows, k) ?? liveReports(store, round, unitRows, tree, k);

  const previous = withTrend ? previousRound(store, round.seriesId, round.openedAt ?? round.createdAt) : null;
  const before = previous ? roundReports(store, previous, k, false) : null;
  const changed = previous ? groupChange(store, tree, roundId, previous) : new Map<string, GroupChange>();
  const earlier = (unitId: string): Earlier => {
    if (before === null) return { kind: "none" };
    if (!trendAllowed(changed.get(unitId), k)) return { kind: "withheld", why: "group_changed" };
    return { kind: "report", report: before.byUnit.get(unitId) };
  };
  const byUnit = new Map<string, UnitReport>();
  const byPath = new Map<string, UnitReport>();
  for (const u of unitRows) {
    const r = own.byUnit.get(u.id);
    const report = r === undefined || r.suppressed ? r : withTrends(r, earlier(u.id));
    const shown = report ?? { round: roundId, unit: u.path, ...HIDDEN, invited: 0 };
    byUnit.set(u.id, shown);
    byPath.set(u.path, shown);
  }
  const rootUnitId = unitRows.find((u) => u.parentId === null)?.id ?? null;
  return { roundId, commentsShown: own.commentsShown, byUnit, byPath, rootUnitId };
}

const HIDDEN = { includesSubunits: true, suppressed: true, reason: "below_threshold" } as const;

type OwnReports = Pick<RoundReports, "byUnit" | "commentsShown">;

/** The reports computed from the round's answers, without trends. */
function liveReports(store: Store, round: RoundRow, unitRows: UnitRow[], tree: UnitTree, k: number): OwnReports {
  const roundId = round.id;
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const itemIds = round.itemIds ?? [];
  const own = aggregateRound(store, roundId, instrument, itemIds);
  const rolled = new Map<string, UnitAggregate>();
  const roll = (id: string): UnitAggregate => {
    const done = rolled.get(id);
    if (done) return done;
    const a = emptyAggregate();
    mergeInto(a, own.get(id) ?? emptyAggregate());
    for (const c of tree.children.get(id) ?? []) mergeInto(a, roll(c));
    rolled.set(id, a);
    return a;
  };
  const asked = askedFactors(instrument, itemIds);
  const decided = decideReport(tree, figureCounts(own, asked), k);
  const byUnit = new Map<string, UnitReport>();
  for (const u of unitRows) {
    const a = roll(u.id);
    const v = decided.units.get(u.id);
    const report: UnitReport =
      v === undefined || !v.visible
        ? {
            round: roundId,
            unit: u.path,
            ...HIDDEN,
            invited: a.invited,
            reason: v?.visible === false ? v.reason : HIDDEN.reason,
          }
        : shownReport(roundId, u.id, u.path, a, asked, decided);
    byUnit.set(u.id, report);
  }
  const commentsShown = new Set([...decided.comments].filter(([, v]) => v.visible).map(([id]) => id));
  return { byUnit, commentsShown };
}

/**
 * The reports kept in a retained round's snapshot, with today's unit names; none for a unit made since.
 * With a k larger than the snapshot's, a figure below it is hidden too. Its comments are gone.
 */
function storedReports(store: Store, roundId: string, unitRows: UnitRow[], k: number): OwnReports | null {
  const snap = store
    .select({ k: roundSnapshots.k, reports: roundSnapshots.reports })
    .from(roundSnapshots)
    .where(eq(roundSnapshots.roundId, roundId))
    .get();
  if (snap === undefined) return null;
  // Written by takeSnapshot from this module's own UnitReport values.
  const stored = snap.reports as Record<string, UnitReport>;
  const byUnit = new Map<string, UnitReport>();
  for (const u of unitRows) {
    const r = stored[u.id];
    if (r !== undefined) byUnit.set(u.id, hideBelow({ ...r, unit: u.path }, k));
  }
  return { byUnit, commentsShown: new Set() };
}

type AskedFactor = { id: string; items: string[] };

/** The round's factors, each with the statements it asked (a rotating subset may skip some). */
function askedFactors(instrument: Instrument, itemIds: readonly string[]): AskedFactor[] {
  return instrument.factors
    .map((f) => ({ id: f.id, items: f.items.filter((i) => itemIds.includes(i.id)).map((i) => i.id) }))
    .filter((f) => f.items.length > 0);
}

/** Each figure's n in each unit itself, as the anonymity engine reads them. */
function figureCounts(own: ReadonlyMap<string, UnitAggregate>, asked: readonly AskedFactor[]) {
  const n = (c: Counts | undefined) => (c === undefined ? 0 : c.reduce((s, x) => s + x, 0));
  const per = <T>(pick: (a: UnitAggregate) => T) => new Map([...own].map(([unitId, a]) => [unitId, pick(a)]));
  return {
    responses: per((a) => a.responses),
    invited: per((a) => a.invited),
    commenters: per((a) => a.finished),
    items: new Map(asked.flatMap((f) => f.items).map((i) => [i, per((a) => n(a.items.get(i)))])),
    factors: new Map(
      asked.map((f) => [f.id, { items: f.items, respondents: per((a) => a.factors.get(f.id)?.respondents ?? 0) }]),
    ),
  };
}

function shownReport(
  roundId: string,
  unitId: string,
  path: string,
  a: UnitAggregate,
  asked: readonly AskedFactor[],
  decided: ReportVisibility,
): ShownReport {
  const factors = asked.map((f): FactorReport => {
    const v = decided.factors.get(f.id)?.get(unitId);
    if (v === undefined || !v.visible)
      return { id: f.id, suppressed: true, reason: v?.visible === false ? v.reason : "below_threshold" };
    const pooled = f.items.reduce<Counts>((acc, i) => addCounts(acc, a.items.get(i) ?? emptyCounts()), emptyCounts());
    const s = a.factors.get(f.id) ?? { respondents: 0, meanSum: 0 };
    const figures = factorFigures(s.meanSum, s.respondents, pooled);
    return { id: f.id, suppressed: false, ...figures, trend: null, direction: null, trendWithheld: null };
  });
  const items = asked.flatMap((f) =>
    f.items.map((i): ItemReport => {
      const v = decided.items.get(i)?.get(unitId);
      if (v === undefined || !v.visible)
        return { id: i, factor: f.id, suppressed: true, reason: v?.visible === false ? v.reason : "below_threshold" };
      const d = describe(a.items.get(i) ?? emptyCounts());
      return { id: i, factor: f.id, suppressed: false, n: d.n, mean: d.mean, sd: d.sd, distribution: d.distribution };
    }),
  );
  const chosen = strengthsAndImprovements(factors.flatMap((f) => (f.suppressed ? [] : [f])));
  return {
    round: roundId,
    unit: path,
    includesSubunits: true,
    invited: a.invited,
    responses: a.responses,
    responseRate: responseRate(a.responses, a.invited),
    suppressed: false,
    reason: null,
    factors,
    items,
    strengths: chosen.strengths.map((f) => f.id),
    improvements: chosen.improvements.map((f) => f.id),
  };
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
