import type { HiddenReason, Visibility } from "./anonymity";

/**
 * Which cells of one attribute may show one figure (DESIGN.md rules 4, 5 and 8): the organization's
 * respondents split by their value, never by unit. A "figure" is a cell's responses (its response rate) or
 * one factor (counted in respondents with a factor score); each gets its own decision.
 *
 * - threshold: a cell with n < k is hidden;
 * - no differencing: the organization's total for the figure minus the shown cells is what the hidden cells
 *   and the people without a value (or with a value too rare to keep apart) hold together. It must be 0 or
 *   at least k, or subtracting would reveal a group of 1..k−1; otherwise the smallest shown cell is hidden
 *   too (complementary suppression). Hiding one shown cell adds at least k, so one step always suffices.
 *
 * The residual is checked per attribute, and that is enough: two attributes' cells are two partitions of
 * the same respondents, and the only figure they share is the organization total. Cells of different
 * attributes are not nested in each other, so no subtraction of one attribute's shown cells from another's
 * isolates a group; what they hold in common (e.g. part-time nurses) is never a figure anywhere. Nor is a
 * cell ever split by unit (rule 8), so unit reports and attribute cells share only that total too.
 */
export function decideAttributeCells(
  cells: ReadonlyMap<string, number>,
  total: number,
  k: number,
  forced: ReadonlyMap<string, HiddenReason> = new Map(),
): Map<string, Visibility> {
  const result = new Map<string, Visibility>();
  for (const [value, n] of cells) {
    const reason = n < k ? "below_threshold" : forced.get(value);
    result.set(value, reason === undefined ? { visible: true, total: n } : { visible: false, total: n, reason });
  }
  for (;;) {
    const shown = [...result].filter(([, v]) => v.visible);
    const remainder = total - shown.reduce((s, [, v]) => s + v.total, 0);
    if (remainder === 0 || remainder >= k || shown.length === 0) break;
    // The smallest shown cell (ties by value, so the result is stable).
    const [value, v] = shown.sort(([a, x], [b, y]) => x.total - y.total || a.localeCompare(b))[0] as [
      string,
      Visibility,
    ];
    result.set(value, { visible: false, total: v.total, reason: "complementary" });
  }
  return result;
}

/** One attribute's figures in a round: each cell's n, and the organization's total of the same figure. */
export interface AttributeCounts {
  /** value → responses. */
  responses: ReadonlyMap<string, number>;
  /** factorId → value → respondents with a factor score. */
  factors: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The whole round's responses, and respondents with each factor's score (with a value or not). */
  totals: { responses: number; factors: ReadonlyMap<string, number> };
}

/**
 * Every decision of one attribute's breakdown: cells by responses (the response rate's n), then each factor
 * by its respondents, hidden wherever the cell is hidden (as a factor is where its unit is).
 */
export function decideAttribute(
  c: AttributeCounts,
  k: number,
): { cells: Map<string, Visibility>; factors: Map<string, Map<string, Visibility>> } {
  const cells = decideAttributeCells(c.responses, c.totals.responses, k);
  const hidden = new Map<string, HiddenReason>();
  for (const [value, v] of cells) if (!v.visible) hidden.set(value, v.reason);
  const factors = new Map<string, Map<string, Visibility>>();
  for (const [factorId, own] of c.factors)
    factors.set(factorId, decideAttributeCells(own, c.totals.factors.get(factorId) ?? 0, k, hidden));
  return { cells, factors };
}
