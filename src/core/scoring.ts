/**
 * Scoring as DESIGN.md defines it. Inputs are aggregates (counts and sums),
 * so the database does the heavy lifting and this stays pure.
 * Reverse-scored statements are flipped (6 − value) before they get here,
 * so every figure reads "higher is better".
 */

/** How many answered 1, 2, 3, 4, 5. */
export type Counts = [number, number, number, number, number];

export const emptyCounts = (): Counts => [0, 0, 0, 0, 0];

export function addCounts(a: Counts, b: Readonly<Counts>): Counts {
  return a.map((v, i) => v + (b[i] ?? 0)) as Counts;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export interface Distribution {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1), beside the mean as the NTNU report shows it; null below two answers. */
  sd: number | null;
  /** Shares of 1..5, fractions 0–1. */
  distribution: number[];
  /** Share of 4–5. */
  favorable: number | null;
}

/** Mean over those who answered (skips excluded), its SD, shares of each answer, favorable = 4–5. */
export function describe(counts: Readonly<Counts>): Distribution {
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return { n: 0, mean: null, sd: null, distribution: [0, 0, 0, 0, 0], favorable: null };
  const sum = counts.reduce((s, c, i) => s + c * (i + 1), 0);
  const mean = sum / n;
  const squares = counts.reduce((s, c, i) => s + c * (i + 1 - mean) ** 2, 0);
  return {
    n,
    mean: round(mean, 2),
    sd: n < 2 ? null : round(Math.sqrt(squares / (n - 1)), 2),
    distribution: counts.map((c) => round(c / n, 3)),
    favorable: round((counts[3] + counts[4]) / n, 3),
  };
}

/** 1–5 onto 0–100: (mean − 1) / 4 × 100. */
export function score100(mean: number): number {
  return round(((mean - 1) / 4) * 100, 1);
}

/** A respondent counts for a factor when they answered at least half of its statements. */
function itemsNeeded(itemsInFactor: number): number {
  return Math.ceil(itemsInFactor / 2);
}

export interface FactorFigures {
  n: number;
  mean: number | null;
  score: number | null;
  distribution: number[];
  favorable: number | null;
}

/**
 * Group factor mean = mean of the respondents' own factor means; the
 * distribution pools every answer given to the factor's statements.
 */
export function factorFigures(respondentMeanSum: number, respondents: number, pooled: Readonly<Counts>): FactorFigures {
  const d = describe(pooled);
  if (respondents === 0) return { n: 0, mean: null, score: null, distribution: d.distribution, favorable: d.favorable };
  const mean = respondentMeanSum / respondents;
  return {
    n: respondents,
    mean: round(mean, 2),
    score: score100(mean),
    distribution: d.distribution,
    favorable: d.favorable,
  };
}

export function responseRate(responses: number, invited: number): number {
  return invited === 0 ? 0 : round(responses / invited, 3);
}

/**
 * Strengths and areas to improve: the highest and lowest factors by score,
 * at most two of each and never more than half of the factors each, so that
 * three factors give one of each. A strength scores above every area to
 * improve; factors that tie across that line are neither, and with every
 * score equal there is nothing to name. Ties within a side go by id.
 */
export function strengthsAndImprovements<T extends { id: string; score: number | null }>(
  factors: readonly T[],
  most = 2,
): { strengths: T[]; improvements: T[] } {
  const scored = factors
    .filter((f): f is T & { score: number } => f.score !== null)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const count = Math.min(most, Math.floor(scored.length / 2));
  const top = scored.slice(0, count);
  const bottom = scored.slice(scored.length - count).reverse();
  const lowestTop = Math.min(...top.map((f) => f.score));
  const highestBottom = Math.max(...bottom.map((f) => f.score));
  return {
    strengths: top.filter((f) => f.score > highestBottom),
    improvements: bottom.filter((f) => f.score < lowestTop),
  };
}

export type TrendDirection = "up" | "down" | "steady";

/** Below this change on the 1–5 scale, a factor has held steady. */
const STEADY_WITHIN = 0.05;

/** How a factor moved since the previous round: the arrow every surface shows. */
export function trendDirection(trend: number | null): TrendDirection | null {
  if (trend === null) return null;
  if (trend > STEADY_WITHIN) return "up";
  if (trend < -STEADY_WITHIN) return "down";
  return "steady";
}

/**
 * One respondent's factor means: reverse-scored statements flipped (6 − v),
 * and a factor only where they answered at least half of the statements the
 * round asked in it.
 */
export function respondentFactorMeans(
  factors: readonly { id: string; items: readonly { id: string; reverse: boolean }[] }[],
  asked: ReadonlySet<string>,
  answers: ReadonlyMap<string, number>,
): { factorId: string; mean: number }[] {
  const out: { factorId: string; mean: number }[] = [];
  for (const f of factors) {
    const items = f.items.filter((i) => asked.has(i.id));
    if (items.length === 0) continue;
    const values = items.flatMap((i) => {
      const v = answers.get(i.id);
      return v === undefined ? [] : [i.reverse ? 6 - v : v];
    });
    if (values.length >= itemsNeeded(items.length))
      out.push({ factorId: f.id, mean: values.reduce((s, v) => s + v, 0) / values.length });
  }
  return out;
}

/** Pearson's r from running sums; null when either side does not vary. */
export function pearson(s: { n: number; x: number; y: number; xx: number; yy: number; xy: number }): number | null {
  const cov = s.n * s.xy - s.x * s.y;
  const vx = s.n * s.xx - s.x * s.x;
  const vy = s.n * s.yy - s.y * s.y;
  if (s.n < 2 || vx <= 0 || vy <= 0) return null;
  return round(cov / Math.sqrt(vx * vy), 3);
}

/** Driver analysis needs enough respondents to mean anything. */
export const DRIVER_MIN_RESPONSES = 30;

export type Segment = "enthusiasts" | "strivers" | "laggards" | "backbenchers";

/**
 * Leadership × engagement (after the ALx presentation), relative to the
 * organization's averages: both above = enthusiasts; leadership below but
 * engagement above = strivers; leadership above but engagement below =
 * laggards; both below = backbenchers.
 */
export function segment(leadership: number, engagement: number, orgLeadership: number, orgEngagement: number): Segment {
  const lead = leadership >= orgLeadership;
  const eng = engagement >= orgEngagement;
  if (lead && eng) return "enthusiasts";
  if (!lead && eng) return "strivers";
  if (lead && !eng) return "laggards";
  return "backbenchers";
}
