import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type UnitCount, type Visibility, decideReport, decideVisibility, unitTree } from "../../src/core/anonymity";

const K = 5;

/**
 * Rule 5 on one figure: every shown figure is from at least k, and a shown
 * figure minus any union of the topmost shown figures below it (the pairs
 * included) leaves 0 or at least k.
 */
function expectNoSmallRemainders(
  units: readonly { id: string; parentId: string | null }[],
  v: Map<string, Visibility>,
  k: number,
  name: string,
  /** The figure's true n in a unit with its sub-units; by default what the decision says. */
  n: (id: string) => number = (id) => v.get(id)!.total,
) {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const isAncestor = (a: string, d: string): boolean => {
    for (let p = parent.get(d) ?? null; p !== null; p = parent.get(p) ?? null) if (p === a) return true;
    return false;
  };
  const shown = units.filter((u) => v.get(u.id)!.visible).map((u) => u.id);
  const total = n;
  for (const id of shown) expect(total(id), `${name} at ${id}`).toBeGreaterThanOrEqual(k);
  for (const a of shown) {
    const below = shown.filter((d) => isAncestor(a, d));
    for (const d of below) {
      const diff = total(a) - total(d);
      expect(diff === 0 || diff >= k, `${name}: ${a} − ${d} = ${diff}`).toBe(true);
    }
    const topmost = below.filter((d) => !below.some((x) => x !== d && isAncestor(x, d)));
    const limit = Math.min(topmost.length, 10);
    for (let mask = 1; mask < 1 << limit; mask++) {
      let sum = 0;
      for (let i = 0; i < limit; i++) if (mask & (1 << i)) sum += total(topmost[i]!);
      const diff = total(a) - sum;
      expect(diff === 0 || diff >= k, `${name}: ${a} minus shown units below = ${diff}`).toBe(true);
    }
  }
}

describe("anonymity engine", () => {
  it("hides a group under k and, with it, the smallest sibling so the parent cannot be subtracted", () => {
    // Org (own 0) > A (7), B (6), C (2)
    const units: UnitCount[] = [
      { id: "org", parentId: null, own: 0 },
      { id: "a", parentId: "org", own: 7 },
      { id: "b", parentId: "org", own: 6 },
      { id: "c", parentId: "org", own: 2 },
    ];
    const v = decideVisibility(units, K);
    expect(v.get("c")).toEqual({ visible: false, total: 2, reason: "below_threshold" });
    // Org (15) − A (7) − B (6) would give C's 2 answers: B goes too (2 + 6 = 8 ≥ 5).
    expect(v.get("b")).toEqual({ visible: false, total: 6, reason: "complementary" });
    expect(v.get("a")).toEqual({ visible: true, total: 7 });
    expect(v.get("org")).toEqual({ visible: true, total: 15 });
  });

  it("leaves everything visible when every remainder is 0 or at least k", () => {
    const v = decideVisibility(
      [
        { id: "org", parentId: null, own: 5 },
        { id: "a", parentId: "org", own: 5 },
        { id: "b", parentId: "org", own: 9 },
      ],
      K,
    );
    expect([...v.values()].every((x) => x.visible)).toBe(true);
  });

  it("catches the parent's own few respondents: a leader's unit of 3 plus two visible teams", () => {
    const v = decideVisibility(
      [
        { id: "dept", parentId: null, own: 3 },
        { id: "t1", parentId: "dept", own: 8 },
        { id: "t2", parentId: "dept", own: 10 },
      ],
      K,
    );
    expect(v.get("t1")).toMatchObject({ visible: false, reason: "complementary" });
    expect(v.get("t2")).toMatchObject({ visible: true });
    expect(v.get("dept")).toMatchObject({ visible: true, total: 21 });
  });

  it("never publishes two nested results that differ by 1..k−1 respondents (1,000 random organizations)", () => {
    const tree = fc
      .array(fc.tuple(fc.nat(), fc.nat({ max: 12 })), { minLength: 1, maxLength: 40 })
      .map((rows) =>
        rows.map(([p, own], i): UnitCount => ({ id: `u${i}`, parentId: i === 0 ? null : `u${p % i}`, own })),
      );
    fc.assert(
      fc.property(tree, fc.integer({ min: 3, max: 8 }), (units, k) => {
        expectNoSmallRemainders(units, decideVisibility(units, k), k, "responses");
      }),
      { numRuns: 1000 },
    );
  });

  it("decides every statement and factor on its own n, over the tree, with skips (1,000 random organizations)", () => {
    // Two factors: a (statements a1–a3) and b (b1, b2). Each respondent skips some statements.
    const FACTORS = { a: ["a1", "a2", "a3"], b: ["b1", "b2"] } as const;
    const ITEMS: string[] = [...FACTORS.a, ...FACTORS.b];
    const respondent = fc.array(fc.boolean(), { minLength: ITEMS.length, maxLength: ITEMS.length });
    const org = fc
      .array(fc.tuple(fc.nat(), fc.array(respondent, { maxLength: 9 })), { minLength: 1, maxLength: 25 })
      .map((rows) => rows.map(([p, people], i) => ({ id: `u${i}`, parentId: i === 0 ? null : `u${p % i}`, people })));
    fc.assert(
      fc.property(org, fc.integer({ min: 3, max: 6 }), (units, k) => {
        const count = (pick: (answered: boolean[]) => boolean) =>
          new Map(units.map((u) => [u.id, u.people.filter(pick).length]));
        const answeredItem = (i: number) => (a: boolean[]) => a[i] === true;
        // A factor score needs at least half of the factor's statements.
        const hasFactor = (items: readonly string[]) => (a: boolean[]) =>
          items.filter((id) => a[ITEMS.indexOf(id)]).length >= Math.ceil(items.length / 2);
        const decided = decideReport(
          unitTree(units),
          {
            responses: count(() => true),
            invited: count(() => true),
            commenters: count(() => true),
            items: new Map(ITEMS.map((id, i) => [id, count(answeredItem(i))])),
            factors: new Map(
              Object.entries(FACTORS).map(([id, items]) => [id, { items, respondents: count(hasFactor(items)) }]),
            ),
          },
          k,
        );
        const checkFigure = (name: string, v: Map<string, Visibility>) => {
          expectNoSmallRemainders(units, v, k, name);
          // A figure is only ever shown inside a shown report.
          for (const u of units)
            if (v.get(u.id)!.visible) expect(decided.units.get(u.id)!.visible, `${name} at ${u.id}`).toBe(true);
        };
        checkFigure("responses", decided.units);
        for (const [id, v] of decided.items) checkFigure(id, v);
        for (const [id, v] of decided.factors) {
          checkFigure(id, v);
          // A shown factor never sits beside a hidden statement of its own.
          for (const u of units) {
            if (!v.get(u.id)!.visible) continue;
            for (const item of FACTORS[id as keyof typeof FACTORS])
              expect(decided.items.get(item)!.get(u.id)!.visible).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("shows comments only from k who could have written one, never with a remainder of 1..k−1 of them (1,000 random organizations with partial answers)", () => {
    // Each respondent either sent the survey (and so reached the comment step) or was stored unfinished at the close.
    const org = fc
      .array(fc.tuple(fc.nat(), fc.array(fc.boolean(), { maxLength: 10 })), { minLength: 1, maxLength: 25 })
      .map((rows) => rows.map(([p, sent], i) => ({ id: `u${i}`, parentId: i === 0 ? null : `u${p % i}`, sent })));
    fc.assert(
      fc.property(org, fc.integer({ min: 3, max: 6 }), (units, k) => {
        const counts = {
          responses: new Map(units.map((u) => [u.id, u.sent.length])),
          invited: new Map(units.map((u) => [u.id, u.sent.length])),
          commenters: new Map(units.map((u) => [u.id, u.sent.filter(Boolean).length])),
          items: new Map(),
          factors: new Map(),
        };
        const decided = decideReport(unitTree(units), counts, k);
        // Over those who could have written a comment: at least k, and a shown unit minus its shown units below
        // leaves none of them or at least k (the comments of a hidden unit cannot be worked out).
        // Counted here, from the respondents themselves, not from the engine's own totals.
        const children = (id: string) => units.filter((u) => u.parentId === id);
        const could = (id: string): number =>
          units.find((u) => u.id === id)!.sent.filter(Boolean).length +
          children(id).reduce((s, c) => s + could(c.id), 0);
        expectNoSmallRemainders(units, decided.comments, k, "comments", could);
        for (const u of units)
          if (decided.comments.get(u.id)!.visible) expect(decided.units.get(u.id)!.visible).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
