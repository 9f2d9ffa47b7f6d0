import { sql } from "drizzle-orm";
import { type Segment, segment } from "../core/scoring";
import type { Store } from "../db/open";

const SEGMENTS: readonly Segment[] = ["enthusiasts", "strivers", "laggards", "backbenchers"];

/** How many respondents fall in each leadership × engagement segment: a count below k carries no number. */
export type Quadrants =
  | {
      /** Respondents with both scores. */
      n: number;
      cells: { segment: Segment; count: number | null; share: number | null }[];
    }
  | { skipped: "too_few" | "no_answers" };

/**
 * The ALx quadrants over the organization's respondents (rule 8's level: never per unit): each respondent
 * placed by their own leadership and engagement scores against the organization's. Every cell obeys k,
 * and the cells hidden together hold 0 or at least k people, so the total minus the shown cells tells
 * nothing (rule 5). A retained round has no answers left to count.
 */
export function quadrantCounts(store: Store, roundId: string, orgL: number, orgE: number, k: number): Quadrants {
  const rows = store.all<{ l: number; e: number }>(sql`
    select l.mean as l, e.mean as e
    from response_factors l
    join response_factors e on e.response_id = l.response_id and e.factor_id = 'engagement'
    join responses r on r.id = l.response_id
    where r.round_id = ${roundId} and l.factor_id = 'leadership'`);
  if (rows.length === 0) return { skipped: "no_answers" };
  if (rows.length < k) return { skipped: "too_few" };
  const toScore = (mean: number) => ((mean - 1) / 4) * 100;
  const counts = new Map<Segment, number>(SEGMENTS.map((s) => [s, 0]));
  for (const r of rows) {
    const s = segment(toScore(r.l), toScore(r.e), orgL, orgE);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const hidden = new Set(SEGMENTS.filter((s) => (counts.get(s) ?? 0) < k));
  const residual = () => [...hidden].reduce((sum, s) => sum + (counts.get(s) ?? 0), 0);
  // Complementary suppression: hide the smallest shown cell until the hidden ones hold 0 or at least k.
  while (residual() > 0 && residual() < k) {
    const next = SEGMENTS.filter((s) => !hidden.has(s)).sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
    if (next === undefined) break;
    hidden.add(next);
  }
  const n = rows.length;
  return {
    n,
    cells: SEGMENTS.map((s) => {
      const c = counts.get(s) ?? 0;
      return hidden.has(s)
        ? { segment: s, count: null, share: null }
        : { segment: s, count: c, share: Math.round((c / n) * 1000) / 1000 };
    }),
  };
}
