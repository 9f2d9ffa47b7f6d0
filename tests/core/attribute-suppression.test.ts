import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Visibility, decideVisibility } from "../../src/core/anonymity";
import { cellNesting, decideAttribute, decideAttributeCells } from "../../src/core/attribute-suppression";

/** A respondent: their value of each attribute (null: none), and which factors they have a score for. */
interface Respondent {
  values: (number | null)[];
  factors: boolean[];
}

const ATTRIBUTES = 3;
const FACTORS = 3;

/** A random organization's respondents: attributes with 1–6 values (some people without one), 0–80 people. */
const org = fc.record({
  k: fc.integer({ min: 3, max: 7 }),
  valueCounts: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: ATTRIBUTES, maxLength: ATTRIBUTES }),
  people: fc.array(
    fc.record({
      values: fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { freq: 4 }), {
        minLength: ATTRIBUTES,
        maxLength: ATTRIBUTES,
      }),
      factors: fc.array(fc.boolean(), { minLength: FACTORS, maxLength: FACTORS }),
    }),
    { maxLength: 80, size: "max" },
  ),
});

/** Rules 4 and 5 for one figure of one attribute: shown cells from ≥ k, and total − shown is 0 or ≥ k. */
function expectSafe(decided: Map<string, Visibility>, total: number, k: number, what: string) {
  const shown = [...decided].filter(([, v]) => v.visible);
  for (const [value, v] of shown) expect(v.total, `${what}: ${value}`).toBeGreaterThanOrEqual(k);
  // With nothing shown, nothing is subtracted: the total is the organization's own figure, decided there.
  const residual = total - shown.reduce((s, [, v]) => s + v.total, 0);
  if (shown.length > 0)
    expect(residual === 0 || residual >= k, `${what}: total ${total} − shown = ${residual}`).toBe(true);
}

describe("attribute cells", () => {
  it("over random organizations, show every figure only from k or more, with 0 or k or more left over", () => {
    fc.assert(
      fc.property(org, ({ k, valueCounts, people }) => {
        const respondents: Respondent[] = people.map((p) => ({
          values: p.values.map((v, a) => (v === null ? null : v % (valueCounts[a] ?? 1))),
          factors: p.factors,
        }));
        const factorTotals = new Map(
          Array.from({ length: FACTORS }, (_, f) => [`f${f}`, respondents.filter((r) => r.factors[f]).length]),
        );
        for (let a = 0; a < ATTRIBUTES; a++) {
          const count = (pick: (r: Respondent) => boolean) => {
            const cells = new Map<string, number>();
            for (const r of respondents) {
              const v = r.values[a];
              if (v !== null && v !== undefined && pick(r)) cells.set(`v${v}`, (cells.get(`v${v}`) ?? 0) + 1);
            }
            // A value held by people who did not answer still has a cell, with 0 responses.
            for (const r of respondents)
              if (r.values[a] !== null) cells.set(`v${r.values[a]}`, cells.get(`v${r.values[a]}`) ?? 0);
            return cells;
          };
          const d = decideAttribute(
            {
              responses: count(() => true),
              factors: new Map([...factorTotals.keys()].map((f, i) => [f, count((r) => r.factors[i] === true)])),
              totals: { responses: respondents.length, factors: factorTotals },
            },
            k,
          );
          expectSafe(d.cells, respondents.length, k, `attribute ${a} responses`);
          for (const [f, decided] of d.factors) {
            expectSafe(decided, factorTotals.get(f) ?? 0, k, `attribute ${a} ${f}`);
            // A factor is never shown in a cell whose responses are hidden.
            for (const [value, v] of decided) if (v.visible) expect(d.cells.get(value)?.visible).toBe(true);
          }
        }
      }),
      { numRuns: 400, seed: 18_5 },
    );
  });

  it("hide the next-smallest cell when the rest of the organization would be 1..k−1", () => {
    // 12 answered: 5 nurses, 6 assistants, 1 without a value. Showing both would give away that one person.
    const d = decideAttributeCells(
      new Map([
        ["sykepleier", 5],
        ["assistent", 6],
      ]),
      12,
      5,
    );
    expect(d.get("assistent")).toEqual({ visible: true, total: 6 });
    expect(d.get("sykepleier")).toEqual({ visible: false, total: 5, reason: "complementary" });
  });

  it("over random trees, never differ from a shown unit that holds a shown cell, or lies inside one, by 1..k−1", () => {
    // Org; A, B, C below it; A1, A2 below A; B1 below B.
    const UNITS = [
      { id: "org", parentId: null },
      ...["a", "b", "c"].map((id) => ({ id, parentId: "org" })),
      { id: "a1", parentId: "a" },
      { id: "a2", parentId: "a" },
      { id: "b1", parentId: "b" },
    ];
    const parent = new Map(UNITS.map((u) => [u.id, u.parentId]));
    const within = (unit: string, top: string): boolean => {
      for (let u: string | null = unit; u !== null; u = parent.get(u) ?? null) if (u === top) return true;
      return false;
    };
    // Values follow units often (a ward of nurses, a school of teachers), so cells nest in units and back.
    const person = fc.record({
      unit: fc.constantFrom(...UNITS.map((u) => u.id)),
      value: fc.option(fc.constantFrom("x", "y", "z"), { freq: 5 }),
      followsUnit: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      answered: fc.boolean(),
    });
    const unitValues = fc.array(fc.constantFrom("x", "y", "z"), { minLength: UNITS.length, maxLength: UNITS.length });
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        unitValues,
        fc.array(person, { minLength: 8, maxLength: 40, size: "max" }),
        (k, byUnit, drawn) => {
          const people = drawn.map((p) => ({
            ...p,
            value: p.followsUnit ? (byUnit[UNITS.findIndex((u) => u.id === p.unit)] ?? null) : p.value,
          }));
          const ownCount = (pick: (p: (typeof people)[number]) => boolean) => {
            const m = new Map<string, number>();
            for (const p of people) if (pick(p)) m.set(p.unit, (m.get(p.unit) ?? 0) + 1);
            return m;
          };
          const answeredOwn = ownCount((p) => p.answered);
          const units = decideVisibility(
            UNITS.map((u) => ({ ...u, own: answeredOwn.get(u.id) ?? 0 })),
            k,
          );
          const shownN = (id: string) => (units.get(id)?.visible ? (units.get(id)?.total ?? 0) : null);
          const values = ["x", "y", "z"].filter((v) => people.some((p) => p.value === v));
          const responses = new Map(values.map((v) => [v, people.filter((p) => p.value === v && p.answered).length]));
          const invited = ownCount(() => true);
          const nesting = new Map(
            values.map((v) => [
              v,
              cellNesting(
                UNITS,
                shownN,
                ownCount((p) => p.value === v),
                invited,
              ),
            ]),
          );
          const d = decideAttribute(
            {
              responses,
              factors: new Map(),
              totals: { responses: people.filter((p) => p.answered).length, factors: new Map() },
              nesting: { responses: nesting, factors: new Map() },
            },
            k,
          );
          const safe = (diff: number) => diff === 0 || diff >= k;
          for (const v of values) {
            if (!d.cells.get(v)?.visible) continue;
            const n = responses.get(v) ?? 0;
            const holders = people.filter((p) => p.value === v);
            for (const u of UNITS) {
              const un = shownN(u.id);
              if (un === null || u.parentId === null) continue;
              const inU = people.filter((p) => within(p.unit, u.id));
              if (holders.every((p) => within(p.unit, u.id))) expect(safe(un - n), `${u.id} − ${v}`).toBe(true);
              if (inU.length > 0 && inU.every((p) => p.value === v)) expect(safe(n - un), `${v} − ${u.id}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400, seed: 18_55 },
    );
  });
});
