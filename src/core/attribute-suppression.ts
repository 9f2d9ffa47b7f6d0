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
 * The residual is checked per attribute, and that is enough between attributes: two attributes' cells are
 * two partitions of the same respondents, and the only figure they share is the organization total. Cells of
 * different attributes are not nested in each other, so no subtraction of one attribute's shown cells from
 * another's isolates a group; what they hold in common (e.g. part-time nurses) is never a figure anywhere.
 * A cell is never split by unit (rule 8), but the roster can nest one in a unit (every doctor works in one
 * department) or a unit in a cell (a ward of nurses only): then the unit's shown figure and the cell's differ
 * by a known group, which must also be 0 or at least k (`nesting`, from cellNesting below), or the cell is
 * hidden (the unit reports are decided first and stay as they are).
 */
export function decideAttributeCells(
  cells: ReadonlyMap<string, number>,
  total: number,
  k: number,
  forced: ReadonlyMap<string, HiddenReason> = new Map(),
  nesting: ReadonlyMap<string, Nesting> = new Map(),
): Map<string, Visibility> {
  const result = new Map<string, Visibility>();
  const small = (d: number) => d > 0 && d < k;
  for (const [value, n] of cells) {
    const nest = nesting.get(value);
    const nested = nest !== undefined && ((nest.cover !== null && small(nest.cover - n)) || small(n - nest.inside));
    const reason = n < k ? "below_threshold" : (forced.get(value) ?? (nested ? "complementary" : undefined));
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

/**
 * A cell among the shown units of the same figure. `cover`: the figure's n over the smallest shown units that
 * hold all the cell's invited people between them (null when only the whole organization does: the residual
 * covers that); `inside`: its n over the largest shown units below the top whose invited people all hold the
 * value (0: none).
 */
export interface Nesting {
  cover: number | null;
  inside: number;
}

/**
 * Works out a cell's Nesting from the unit tree: `shownN` is each unit's n for the figure (with sub-units),
 * null where the unit reports hide it; `cellInvited` and `unitInvited` are invited per unit itself at open.
 */
export function cellNesting(
  units: readonly { id: string; parentId: string | null }[],
  shownN: (unitId: string) => number | null,
  cellInvited: ReadonlyMap<string, number>,
  unitInvited: ReadonlyMap<string, number>,
): Nesting {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = parent.get(id) ?? null; p !== null; p = parent.get(p) ?? null) out.push(p);
    return out;
  };
  const isTop = (id: string) => (parent.get(id) ?? null) === null;
  const shownAt = (id: string) => [id, ...ancestors(id)].find((u) => shownN(u) !== null) ?? null;
  const sumOf = (ids: Iterable<string>) => [...ids].reduce((s, id) => s + (shownN(id) ?? 0), 0);
  const outermost = (ids: ReadonlySet<string>) => [...ids].filter((id) => !ancestors(id).some((a) => ids.has(a)));

  const holders = [...cellInvited].filter(([, n]) => n > 0).map(([id]) => shownAt(id));
  const coverSet = new Set(holders.filter((id): id is string => id !== null));
  const cover = holders.includes(null) || [...coverSet].some(isTop) ? null : sumOf(outermost(coverSet));

  const rolled = (own: ReadonlyMap<string, number>) => {
    const total = new Map<string, number>();
    for (const [id, n] of own) for (const u of [id, ...ancestors(id)]) total.set(u, (total.get(u) ?? 0) + n);
    return total;
  };
  const allIn = rolled(unitInvited);
  const cellIn = rolled(cellInvited);
  const inside = new Set(
    units
      .map((u) => u.id)
      .filter((id) => !isTop(id) && shownN(id) !== null && (allIn.get(id) ?? 0) > 0)
      .filter((id) => cellIn.get(id) === allIn.get(id)),
  );
  return { cover, inside: sumOf(outermost(inside)) };
}

/** One attribute's figures in a round: each cell's n, and the organization's total of the same figure. */
export interface AttributeCounts {
  /** value → responses. */
  responses: ReadonlyMap<string, number>;
  /** factorId → value → respondents with a factor score. */
  factors: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The whole round's responses, and respondents with each factor's score (with a value or not). */
  totals: { responses: number; factors: ReadonlyMap<string, number> };
  /** Per figure, each cell's place among the shown units (value → Nesting). */
  nesting?: {
    responses: ReadonlyMap<string, Nesting>;
    factors: ReadonlyMap<string, ReadonlyMap<string, Nesting>>;
  };
}

/**
 * Every decision of one attribute's breakdown: cells by responses (the response rate's n), then each factor
 * by its respondents, hidden wherever the cell is hidden (as a factor is where its unit is).
 */
export function decideAttribute(
  c: AttributeCounts,
  k: number,
): { cells: Map<string, Visibility>; factors: Map<string, Map<string, Visibility>> } {
  const cells = decideAttributeCells(c.responses, c.totals.responses, k, new Map(), c.nesting?.responses);
  const hidden = new Map<string, HiddenReason>();
  for (const [value, v] of cells) if (!v.visible) hidden.set(value, v.reason);
  const factors = new Map<string, Map<string, Visibility>>();
  for (const [factorId, own] of c.factors)
    factors.set(
      factorId,
      decideAttributeCells(own, c.totals.factors.get(factorId) ?? 0, k, hidden, c.nesting?.factors.get(factorId)),
    );
  return { cells, factors };
}
