import { and, desc, eq, lt } from "drizzle-orm";
import { type HiddenReason, type ReportVisibility, decideReport, unitTree } from "../core/anonymity";
import { PulsenError } from "../core/errors";
import type { Instrument } from "../core/instrument";
import {
  type Counts,
  type TrendDirection,
  addCounts,
  describe,
  emptyCounts,
  factorFigures,
  responseRate,
  strengthsAndImprovements,
  trendDirection,
} from "../core/scoring";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { rounds, units } from "../db/schema";
import { type UnitAggregate, aggregateRound, emptyAggregate, mergeInto } from "./aggregate";
import { type GroupChange, groupChange, trendAllowed } from "./group-change";

type TrendWithheld = "hidden_then" | "group_changed";

/** A figure the anonymity engine hid: what it was and why, nothing more (CONTRACT.md). */
export interface HiddenFigure {
  id: string;
  suppressed: true;
  reason: HiddenReason;
}

/** The report JSON of CONTRACT.md. */
export type FactorReport =
  | {
      id: string;
      suppressed: false;
      n: number;
      mean: number | null;
      score: number | null;
      distribution: number[];
      favorable: number | null;
      trend: number | null;
      /** The server's reading of the trend: the arrow every surface shows. */
      direction: TrendDirection | null;
      /**
       * Why there is no trend although there was an earlier round: its figure was hidden, or the group
       * gained or lost 1..k−1 people since (one round minus the other would be their answers, rule 10).
       */
      trendWithheld: TrendWithheld | null;
    }
  | HiddenFigure;

type ItemReport =
  | {
      id: string;
      factor: string;
      suppressed: false;
      n: number;
      mean: number | null;
      sd: number | null;
      distribution: number[];
    }
  | (HiddenFigure & { factor: string });

type ShownReport = {
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
  /** Factor ids: the server's choice that every surface shows. */
  strengths: string[];
  improvements: string[];
};

export type UnitReport =
  | ShownReport
  | { round: string; unit: string; includesSubunits: true; invited: number; suppressed: true; reason: HiddenReason };

export interface RoundReports {
  roundId: string;
  /** Units whose comments may be shown (rule 7: k who could have written one, no small remainder). */
  commentsShown: ReadonlySet<string>;
  /** unitId → report; every unit of the organization, shown or suppressed. */
  byUnit: Map<string, UnitReport>;
  byPath: Map<string, UnitReport>;
  rootUnitId: string | null;
}

/** A shown factor's figures, or null where the figure is hidden. */
export function shownFactor(report: UnitReport | undefined, factorId: string) {
  if (report === undefined || report.suppressed) return null;
  const f = report.factors.find((x) => x.id === factorId);
  return f === undefined || f.suppressed ? null : f;
}

/**
 * Every unit's report for a closed round, with the anonymity engine's
 * decisions applied per figure: a suppressed unit keeps only its name and how
 * many were invited; inside a shown unit, a hidden statement or factor keeps
 * only its id and why. Answer content of an open round is never reported (rule 6).
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
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const itemIds = round.itemIds ?? [];
  const own = aggregateRound(store, roundId, instrument, itemIds);

  const unitRows = store.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units).all();
  const tree = unitTree(unitRows);
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
    const a = roll(u.id);
    const v = decided.units.get(u.id);
    const report: UnitReport =
      v === undefined || !v.visible
        ? {
            round: roundId,
            unit: u.path,
            includesSubunits: true,
            invited: a.invited,
            suppressed: true,
            reason: v?.visible === false ? v.reason : "below_threshold",
          }
        : shownReport(roundId, u.id, u.path, a, asked, decided, earlier(u.id));
    byUnit.set(u.id, report);
    byPath.set(u.path, report);
  }
  const commentsShown = new Set([...decided.comments].filter(([, v]) => v.visible).map(([id]) => id));
  return { roundId, commentsShown, byUnit, byPath, rootUnitId: unitRows.find((u) => u.parentId === null)?.id ?? null };
}

type AskedFactor = { id: string; items: string[] };

/** What a trend compares with: no earlier round, one withheld for the whole unit, or its report. */
type Earlier =
  | { kind: "none" }
  | { kind: "withheld"; why: TrendWithheld }
  | { kind: "report"; report: UnitReport | undefined };

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
  then: Earlier,
): ShownReport {
  const factors = asked.map((f): FactorReport => {
    const v = decided.factors.get(f.id)?.get(unitId);
    if (v === undefined || !v.visible)
      return { id: f.id, suppressed: true, reason: v?.visible === false ? v.reason : "below_threshold" };
    const pooled = f.items.reduce<Counts>((acc, i) => addCounts(acc, a.items.get(i) ?? emptyCounts()), emptyCounts());
    const s = a.factors.get(f.id) ?? { respondents: 0, meanSum: 0 };
    const figures = factorFigures(s.meanSum, s.respondents, pooled);
    // Only between two shown figures, from groups that differ by 0 or at least k people (rule 10).
    const earlier = then.kind === "report" ? (shownFactor(then.report, f.id)?.mean ?? null) : null;
    const trend = figures.mean !== null && earlier !== null ? Math.round((figures.mean - earlier) * 100) / 100 : null;
    const hiddenThen =
      then.kind === "report" &&
      then.report !== undefined &&
      (then.report.suppressed || then.report.factors.find((x) => x.id === f.id)?.suppressed === true);
    const withheld: TrendWithheld | null = then.kind === "withheld" ? then.why : hiddenThen ? "hidden_then" : null;
    return {
      id: f.id,
      suppressed: false,
      ...figures,
      trend,
      direction: trendDirection(trend),
      trendWithheld: withheld,
    };
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
