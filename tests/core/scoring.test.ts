import { describe as group, expect, it } from "vitest";
import { describe, factorFigures, responseRate, score100, strengthsAndImprovements } from "../../src/core/scoring";

group("scoring", () => {
  it("reproduces the 10-FAKTOR sample: 482 of 740 answered, 65.1 %; shares 0.8/2.7/8.6/43.2/44.6 % give a mean of 4.3", () => {
    expect(responseRate(482, 740)).toBe(0.651);
    // 475 answered this statement (7 skipped): 4, 13, 41, 205 and 212 of them chose 1..5.
    const d = describe([4, 13, 41, 205, 212]);
    expect(d.distribution.map((s) => Math.round(s * 1000) / 10)).toEqual([0.8, 2.7, 8.6, 43.2, 44.6]);
    expect(d.mean).toBe(4.28);
    expect(d.mean!.toFixed(1)).toBe("4.3");
    expect(d.favorable).toBe(0.878);
  });

  it("puts a mean on 0–100", () => {
    expect(score100(1)).toBe(0);
    expect(score100(5)).toBe(100);
    expect(score100(4)).toBe(75);
    expect(score100(3.64)).toBe(66);
  });

  it("averages respondents' factor means, not the pooled answers", () => {
    // Two respondents: (5,5) → 5 and (1) → 1; pooled would be 11/3 = 3.67, respondents give 3.
    const f = factorFigures(5 + 1, 2, [1, 0, 0, 0, 2]);
    expect(f.mean).toBe(3);
    expect(f.score).toBe(50);
    expect(f.favorable).toBe(0.667);
  });

  it("names one strength and one area to improve among three factors, and nothing where all are equal", () => {
    // 80/60/40: the middle one is neither (the digest and the dashboard once disagreed about it).
    const r = strengthsAndImprovements([
      { id: "a", score: 80 },
      { id: "b", score: 60 },
      { id: "c", score: 40 },
    ]);
    expect([r.strengths.map((f) => f.id), r.improvements.map((f) => f.id)]).toEqual([["a"], ["c"]]);
    const flat = strengthsAndImprovements([
      { id: "a", score: 50 },
      { id: "b", score: 50 },
      { id: "c", score: 50 },
      { id: "d", score: 50 },
    ]);
    expect([flat.strengths, flat.improvements]).toEqual([[], []]);
    // A tie across the line is neither: 70 70 | 70 40 names only the 40.
    const tie = strengthsAndImprovements([
      { id: "a", score: 70 },
      { id: "b", score: 70 },
      { id: "c", score: 70 },
      { id: "d", score: 40 },
    ]);
    expect([tie.strengths.map((f) => f.id), tie.improvements.map((f) => f.id)]).toEqual([[], ["d"]]);
  });

  it("names two strengths and two areas to improve", () => {
    const r = strengthsAndImprovements([
      { id: "a", score: 80 },
      { id: "b", score: 40 },
      { id: "c", score: 60 },
      { id: "d", score: 70 },
      { id: "e", score: null },
    ]);
    expect(r.strengths.map((f) => f.id)).toEqual(["a", "d"]);
    expect(r.improvements.map((f) => f.id)).toEqual(["b", "c"]);
  });
});
