import { type Counts, emptyCounts, respondentFactorMeans } from "./scoring";

type Factors = readonly { id: string; items: readonly { id: string; reverse: boolean }[] }[];

/** The round's factors that asked at least one statement (a rotating subset may leave some out). */
export function askedFactorIds(factors: Factors, asked: ReadonlySet<string>): string[] {
  return factors.filter((f) => f.items.some((i) => asked.has(i.id))).map((f) => f.id);
}

/** What one respondent adds to an attribute cell's factor: a score (or none), and their answers pooled. */
export interface FactorTally {
  factorId: string;
  /** The respondent's factor mean, or null with fewer than half the factor's statements answered. */
  mean: number | null;
  counts: Counts;
}

/** One respondent's contribution to each asked factor, scored exactly as the unit reports score them. */
export function respondentTallies(
  factors: Factors,
  asked: ReadonlySet<string>,
  answers: ReadonlyMap<string, number>,
): FactorTally[] {
  const means = new Map(respondentFactorMeans(factors, asked, answers).map((m) => [m.factorId, m.mean]));
  return askedFactorIds(factors, asked).map((factorId) => {
    const counts = emptyCounts();
    const factor = factors.find((f) => f.id === factorId);
    for (const item of factor?.items ?? []) {
      const v = answers.get(item.id);
      if (!asked.has(item.id) || v === undefined || v < 1 || v > 5) continue;
      const flipped = item.reverse ? 6 - v : v;
      counts[flipped - 1] = (counts[flipped - 1] ?? 0) + 1;
    }
    return { factorId, mean: means.get(factorId) ?? null, counts };
  });
}
