/**
 * The anonymity engine (DESIGN.md rules 4–5): given the org tree and how
 * many responses each unit holds, decide which unit reports may be shown.
 *
 * A unit's report covers the unit and all its sub-units. Two rules:
 * - threshold: a group with fewer than k responses is never shown;
 * - no differencing: for every shown group P, the respondents it has beyond
 *   its shown sub-groups (P minus the topmost shown groups below it) must be
 *   0 or at least k. Otherwise subtracting would reveal a group of 1..k−1.
 *   We then hide the smallest shown sub-group too (complementary
 *   suppression) until the remainder is safe. Because every difference
 *   between nested shown groups is a sum of such remainders and of shown
 *   groups, each 0 or ≥ k, no two shown results differ by 1..k−1 people.
 */
export interface UnitCount {
  id: string;
  parentId: string | null;
  /** Responses whose unit is exactly this one. */
  own: number;
}

export type Visibility = { visible: true; total: number } | { visible: false; total: number; reason: "below_threshold" | "complementary" };

export function decideVisibility(units: readonly UnitCount[], k: number): Map<string, Visibility> {
  const children = new Map<string, string[]>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const u of units) {
    if (u.parentId !== null && byId.has(u.parentId)) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const total = new Map<string, number>();
  const sum = (id: string): number => {
    const cached = total.get(id);
    if (cached !== undefined) return cached;
    const t = (byId.get(id)?.own ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + sum(c), 0);
    total.set(id, t);
    return t;
  };
  const result = new Map<string, Visibility>();
  for (const u of units) {
    const t = sum(u.id);
    result.set(u.id, t >= k ? { visible: true, total: t } : { visible: false, total: t, reason: "below_threshold" });
  }

  /** The topmost shown groups below `id`. */
  const shownBelow = (id: string): string[] =>
    (children.get(id) ?? []).flatMap((c) => (result.get(c)?.visible ? [c] : shownBelow(c)));

  // Deepest first, so a unit's leader keeps their own figure where possible.
  const depth = (id: string): number => {
    const p = byId.get(id)?.parentId ?? null;
    return p === null || !byId.has(p) ? 0 : 1 + depth(p);
  };
  const order = [...units].sort((a, b) => depth(b.id) - depth(a.id));
  for (const p of order) {
    if (!result.get(p.id)?.visible) continue;
    for (;;) {
      const shown = shownBelow(p.id);
      const remainder = sum(p.id) - shown.reduce((s, c) => s + sum(c), 0);
      if (remainder === 0 || remainder >= k || shown.length === 0) break;
      // Hide the smallest shown group below (ties by id, so the result is stable).
      const smallest = [...shown].sort((a, b) => sum(a) - sum(b) || a.localeCompare(b))[0] as string;
      result.set(smallest, { visible: false, total: sum(smallest), reason: "complementary" });
    }
  }
  return result;
}
