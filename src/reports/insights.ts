import { eq, sql } from "drizzle-orm";
import { DRIVER_MIN_RESPONSES, type Segment, pearson, segment } from "../core/scoring";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { benchmarks, roundSnapshots, rounds, units } from "../db/schema";
import { type Quadrants, quadrantCounts } from "./quadrants";
import { roundReports, type UnitReport } from "./report";
import { shownFactor } from "./trend";

type Shown = Extract<UnitReport, { suppressed: false }>;

/** A driver worth acting on: correlates at least this strongly with engagement, and scores below this. */
const LEVER_R = 0.5;
const LEVER_SCORE = 60;

export interface Insights {
  round: string;
  comparisons: {
    unit: string;
    factors: {
      id: string;
      score: number | null;
      parent: number | null;
      organization: number | null;
      benchmarks: { label: string; value: number }[];
    }[];
  }[];
  segments: { unit: string; leadership: number; engagement: number; segment: Segment }[] | { skipped: string };
  /** The organization's leadership and engagement scores: where the segments' lines cross (null: not shown). */
  orgScores: { leadership: number; engagement: number } | null;
  /** Respondents per segment, each count obeying k (src/reports/quadrants.ts). */
  quadrants: Quadrants | { skipped: "not_asked" };
  /** Where a driver counts as a lever, so a chart can mark the area the server's `lever` flags come from. */
  lever: { r: number; score: number };
  /** `lever`: moves with engagement and scores low, where effort likely matters most (decided here, shown as is). */
  drivers:
    | { factor: string; n: number; r: number | null; score: number | null; lever: boolean }[]
    /** `needed`: the responses the analysis takes, when too few answered (null: the round asked no engagement). */
    | { skipped: string; needed: number | null };
}

/**
 * HR's deeper view of a closed round: each shown unit against its nearest
 * shown parent, the organization and imported benchmarks; leadership ×
 * engagement segments; and which factors move with engagement (organization
 * level only, and only with enough responses). Built only from what the
 * anonymity engine lets through.
 */
export function roundInsights(store: Store, roundId: string, k: number): Insights {
  const all = roundReports(store, roundId, k);
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get()!;
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const parents = new Map(
    store
      .select({ id: units.id, parentId: units.parentId })
      .from(units)
      .all()
      .map((u) => [u.id, u.parentId]),
  );
  const shown = (id: string | null | undefined): Shown | null => {
    const r = id ? all.byUnit.get(id) : undefined;
    return r && !r.suppressed ? r : null;
  };
  const score = (r: Shown | null, factor: string) => shownFactor(r ?? undefined, factor)?.score ?? null;
  const root = shown(all.rootUnitId);
  const marks = store.select().from(benchmarks).where(eq(benchmarks.instrumentId, instrument.id)).all();

  const comparisons: Insights["comparisons"] = [];
  for (const [id] of all.byUnit) {
    const r = shown(id);
    if (r === null) continue;
    let p = parents.get(id) ?? null;
    while (p !== null && shown(p) === null) p = parents.get(p) ?? null;
    const parent = shown(p);
    comparisons.push({
      unit: r.unit,
      factors: r.factors.map((f) => ({
        id: f.id,
        score: score(r, f.id),
        parent: score(parent, f.id),
        organization: score(root, f.id),
        benchmarks: marks.filter((m) => m.factorId === f.id).map((m) => ({ label: m.label, value: m.value })),
      })),
    });
  }
  comparisons.sort((a, b) => a.unit.localeCompare(b.unit, "nb"));

  const has = (f: string) =>
    instrument.factors.some((x) => x.id === f) &&
    (round.itemIds ?? []).some((i) => instrument.factors.find((x) => x.id === f)?.items.some((it) => it.id === i));
  let segments: Insights["segments"] = { skipped: "the round asked no leadership and engagement indices" };
  let orgScores: Insights["orgScores"] = null;
  let quadrants: Insights["quadrants"] = { skipped: "not_asked" };
  if (has("leadership") && has("engagement")) {
    const orgL = score(root, "leadership");
    const orgE = score(root, "engagement");
    if (orgL === null || orgE === null) segments = { skipped: "the organization's figures are not shown" };
    else {
      orgScores = { leadership: orgL, engagement: orgE };
      quadrants = quadrantCounts(store, roundId, orgL, orgE, k);
      segments = comparisons
        .filter((c) => c.unit !== root?.unit)
        .flatMap((c) => {
          const l = c.factors.find((f) => f.id === "leadership")?.score ?? null;
          const e = c.factors.find((f) => f.id === "engagement")?.score ?? null;
          return l === null || e === null
            ? []
            : [{ unit: c.unit, leadership: l, engagement: e, segment: segment(l, e, orgL, orgE) }];
        });
    }
  }

  let drivers: Insights["drivers"] = { skipped: "the round asked no engagement index", needed: null };
  if (has("engagement")) {
    if (root === null || root.responses < DRIVER_MIN_RESPONSES)
      drivers = {
        skipped: `driver analysis needs at least ${DRIVER_MIN_RESPONSES} responses in the organization`,
        needed: DRIVER_MIN_RESPONSES,
      };
    else {
      const rows = storedDrivers(store, roundId) ?? driverRows(store, roundId);
      // A correlation is a figure too: only from at least k respondents with both scores, and only for a
      // factor the organization's report shows (rule 4).
      drivers = rows
        .filter((r) => r.n >= k && score(root, r.factor) !== null)
        .map(({ factor, n, r }) => {
          const s = score(root, factor);
          return { factor, n, r, score: s, lever: r !== null && r >= LEVER_R && s !== null && s < LEVER_SCORE };
        })
        .sort((a, b) => (b.r ?? -2) - (a.r ?? -2));
    }
  }
  const lever = { r: LEVER_R, score: LEVER_SCORE };
  return { round: roundId, comparisons, segments, orgScores, quadrants, lever, drivers };
}

/** Each factor's correlation with engagement over the round's respondents (their stored factor means). */
export function driverRows(store: Store, roundId: string): DriverRow[] {
  return store
    .all<{ factor: string; n: number; x: number; y: number; xx: number; yy: number; xy: number }>(sql`
      select f.factor_id as factor, count(*) as n, sum(f.mean) as x, sum(e.mean) as y,
             sum(f.mean * f.mean) as xx, sum(e.mean * e.mean) as yy, sum(f.mean * e.mean) as xy
      from response_factors f
      join response_factors e on e.response_id = f.response_id and e.factor_id = 'engagement'
      join responses r on r.id = f.response_id
      where r.round_id = ${roundId} and f.factor_id != 'engagement'
      group by f.factor_id`)
    .map((row) => ({ factor: row.factor, n: row.n, r: pearson(row) }));
}

export type DriverRow = { factor: string; n: number; r: number | null };

/** A retained round's driver rows, kept in its snapshot (src/reports/snapshot.ts); null for any other round. */
function storedDrivers(store: Store, roundId: string): DriverRow[] | null {
  const snap = store
    .select({ drivers: roundSnapshots.drivers })
    .from(roundSnapshots)
    .where(eq(roundSnapshots.roundId, roundId))
    .get();
  // Written by takeSnapshot from driverRows.
  return snap === undefined ? null : ((snap.drivers ?? []) as DriverRow[]);
}
