/**
 * The anonymity engine (DESIGN.md rules 4–5): given the org tree and how
 * many answers each unit holds for one figure, decide where that figure may
 * be shown. A "figure" is a unit's whole report (counted in responses), or
 * one statement, factor or follow-up question inside it (counted in those
 * who answered it): every figure carries its own n and gets its own decision.
 *
 * A unit's figure covers the unit and all its sub-units. Two rules:
 * - threshold: a figure from fewer than k answers is never shown;
 * - no differencing: for every shown figure at P, the answers it has beyond
 *   the same figure shown below it (P minus the topmost shown units below)
 *   must be 0 or at least k. Otherwise subtracting would reveal a group of
 *   1..k−1. We then hide the smallest shown unit below too (complementary
 *   suppression) until the remainder is safe. Because every difference
 *   between nested shown figures is a sum of such remainders and of shown
 *   figures, each 0 or ≥ k, no two shown figures differ by 1..k−1 answers.
 */
export interface UnitCount {
  id: string;
  parentId: string | null;
  /** Answers (or responses) whose unit is exactly this one. */
  own: number;
}

export type HiddenReason = "below_threshold" | "complementary";

export type Visibility = { visible: true; total: number } | { visible: false; total: number; reason: HiddenReason };

/** The org tree, prepared once and reused for every figure of a round. */
export interface UnitTree {
  ids: readonly string[];
  children: ReadonlyMap<string, readonly string[]>;
  /** Deepest first, ties by id: the order in which remainders are checked. */
  deepestFirst: readonly string[];
}

export function unitTree(units: readonly { id: string; parentId: string | null }[]): UnitTree {
  const known = new Set(units.map((u) => u.id));
  const parent = new Map(units.map((u) => [u.id, u.parentId !== null && known.has(u.parentId) ? u.parentId : null]));
  const children = new Map<string, string[]>();
  for (const u of units) {
    const p = parent.get(u.id) ?? null;
    if (p !== null) children.set(p, [...(children.get(p) ?? []), u.id]);
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const d = depth.get(id);
    if (d !== undefined) return d;
    const p = parent.get(id) ?? null;
    const value = p === null ? 0 : 1 + depthOf(p);
    depth.set(id, value);
    return value;
  };
  const ids = units.map((u) => u.id);
  const deepestFirst = [...ids].sort((a, b) => depthOf(b) - depthOf(a) || a.localeCompare(b));
  return { ids, children, deepestFirst };
}

/**
 * Where one figure may be shown. `own(id)` is the figure's n in the unit
 * itself; `forced` holds units where it is hidden whatever its n (because the
 * unit's report is hidden, or the figure would give away another figure
 * there): they count as not shown when remainders are checked.
 */
function decideFigure(
  tree: UnitTree,
  own: (unitId: string) => number,
  k: number,
  forced: ReadonlyMap<string, HiddenReason> = new Map(),
): Map<string, Visibility> {
  const total = new Map<string, number>();
  const sum = (id: string): number => {
    const cached = total.get(id);
    if (cached !== undefined) return cached;
    const t = own(id) + (tree.children.get(id) ?? []).reduce((s, c) => s + sum(c), 0);
    total.set(id, t);
    return t;
  };
  const result = new Map<string, Visibility>();
  for (const id of tree.ids) {
    const t = sum(id);
    const reason = t < k ? "below_threshold" : forced.get(id);
    result.set(id, reason === undefined ? { visible: true, total: t } : { visible: false, total: t, reason });
  }

  /** The topmost shown units below `id`. */
  const shownBelow = (id: string): string[] =>
    (tree.children.get(id) ?? []).flatMap((c) => (result.get(c)?.visible ? [c] : shownBelow(c)));

  // Deepest first, so a unit's leader keeps their own figure where possible.
  for (const p of tree.deepestFirst) {
    if (!result.get(p)?.visible) continue;
    for (;;) {
      const shown = shownBelow(p);
      const remainder = sum(p) - shown.reduce((s, c) => s + sum(c), 0);
      if (remainder === 0 || remainder >= k || shown.length === 0) break;
      // Hide the smallest shown unit below (ties by id, so the result is stable).
      const smallest = [...shown].sort((a, b) => sum(a) - sum(b) || a.localeCompare(b))[0] as string;
      result.set(smallest, { visible: false, total: sum(smallest), reason: "complementary" });
    }
  }
  return result;
}

/**
 * Which units' participation may be shown alone while a round is open,
 * counted in those invited (rule 6): at least k, and no remainder of 1..k−1
 * against the units shown below.
 */
export function liveVisibility(
  tree: UnitTree,
  invited: ReadonlyMap<string, number>,
  k: number,
): Map<string, Visibility> {
  return decideFigure(tree, (id) => invited.get(id) ?? 0, k);
}

/** Which unit reports may be shown, counted in responses. */
export function decideVisibility(units: readonly UnitCount[], k: number): Map<string, Visibility> {
  const own = new Map(units.map((u) => [u.id, u.own]));
  return decideFigure(unitTree(units), (id) => own.get(id) ?? 0, k);
}

/** How many answered each figure of a round, in each unit itself (its sub-units not included). */
export interface FigureCounts {
  /** unitId → responses. */
  responses: ReadonlyMap<string, number>;
  /**
   * unitId → invited. While the round was open, its participation was shown by these (liveVisibility); a
   * unit hidden then stays hidden now, or its last live count and its results together would give a
   * smaller unit's count away.
   */
  invited: ReadonlyMap<string, number>;
  /** unitId → respondents who reached the comment step (sent the survey): who could have written a comment. */
  commenters: ReadonlyMap<string, number>;
  /** statementId → unitId → those who answered it (skips excluded). */
  items: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** factorId → its statements asked in the round, and unitId → respondents with a factor score. */
  factors: ReadonlyMap<string, { items: readonly string[]; respondents: ReadonlyMap<string, number> }>;
}

export interface ReportVisibility {
  units: Map<string, Visibility>;
  /** statementId → unitId → decision. */
  items: Map<string, Map<string, Visibility>>;
  /** factorId → unitId → decision. */
  factors: Map<string, Map<string, Visibility>>;
  /** unitId → whether its comments may be shown, counted in those who could have written one (rule 7). */
  comments: Map<string, Visibility>;
}

/**
 * Every decision of a round's reports, made once for the whole organization:
 * units by responses; then each statement over the tree, hidden wherever its
 * unit is; then each factor, hidden wherever its unit is or wherever one of
 * its statements is (a factor's mean and pooled distribution minus its shown
 * statements would give the hidden one away); and comments, counted in the
 * respondents who reached the comment step, hidden wherever the unit is.
 */
export function decideReport(tree: UnitTree, counts: FigureCounts, k: number): ReportVisibility {
  const hiddenWhileOpen = new Map<string, HiddenReason>();
  for (const [id, v] of liveVisibility(tree, counts.invited, k))
    if (!v.visible) hiddenWhileOpen.set(id, "complementary");
  const units = decideFigure(tree, (id) => counts.responses.get(id) ?? 0, k, hiddenWhileOpen);
  const hiddenUnits = new Map<string, HiddenReason>();
  for (const [id, v] of units) if (!v.visible) hiddenUnits.set(id, v.reason);
  const items = new Map<string, Map<string, Visibility>>();
  for (const [itemId, own] of counts.items)
    items.set(
      itemId,
      decideFigure(tree, (id) => own.get(id) ?? 0, k, hiddenUnits),
    );
  const factors = new Map<string, Map<string, Visibility>>();
  for (const [factorId, f] of counts.factors) {
    const forced = new Map(hiddenUnits);
    for (const id of tree.ids) {
      if (!forced.has(id) && f.items.some((i) => items.get(i)?.get(id)?.visible === false))
        forced.set(id, "complementary");
    }
    factors.set(
      factorId,
      decideFigure(tree, (id) => f.respondents.get(id) ?? 0, k, forced),
    );
  }
  const comments = decideFigure(tree, (id) => counts.commenters.get(id) ?? 0, k, hiddenUnits);
  return { units, items, factors, comments };
}
