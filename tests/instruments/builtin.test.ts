import { describe, expect, it } from "vitest";
import { BUILTIN_INSTRUMENT_IDS, itemCount } from "../../src/core/instrument";
import { LOCALES } from "../../src/core/locale";
import { builtinInstruments, followUpQuestion } from "../../src/instruments/catalog";

const instruments = builtinInstruments();

describe("built-in instruments", () => {
  it("are the four CONTRACT.md names", () => {
    expect(instruments.map((i) => i.id)).toEqual([...BUILTIN_INSTRUMENT_IDS]);
  });

  it("have the sizes INSTRUMENTS.md describes", () => {
    const byId = Object.fromEntries(instruments.map((i) => [i.id, i]));
    expect(itemCount(byId["engagement-pulse"]!)).toBe(13);
    expect(byId["engagement-pulse"]!.factors.map((f) => f.id)).toEqual([
      "engagement",
      "leadership",
      "execution",
      "change",
    ]);
    expect(byId["ten-factors"]!.factors).toHaveLength(10);
    expect(itemCount(byId["ten-factors"]!)).toBeGreaterThanOrEqual(34);
    expect(itemCount(byId["ten-factors"]!)).toBeLessThanOrEqual(38);
    expect(itemCount(byId["quick-pulse"]!)).toBe(4);
    const demands = byId["demands-resources"]!.factors.find((f) => f.id === "job-demands")!;
    expect(demands.items.every((i) => i.reverse)).toBe(true);
  });

  it.each(LOCALES)("load with a statement for every item in %s, none empty or duplicated", (locale) => {
    for (const inst of instruments) {
      const texts = inst.factors.flatMap((f) => f.items.map((i) => i.text[locale].trim()));
      expect(texts.every((t) => t.length > 0)).toBe(true);
      expect(new Set(texts.map((t) => t.toLowerCase())).size).toBe(texts.length);
      expect(inst.name[locale].length).toBeGreaterThan(0);
      expect(inst.scale.labels[locale]).toHaveLength(5);
      expect(inst.scale.skip[locale].length).toBeGreaterThan(0);
    }
  });

  it("give every factor 2–5 items and unique ids", () => {
    for (const inst of instruments) {
      const itemIds = inst.factors.flatMap((f) => f.items.map((i) => i.id));
      expect(new Set(itemIds).size).toBe(itemIds.length);
      expect(new Set(inst.factors.map((f) => f.id)).size).toBe(inst.factors.length);
      for (const f of inst.factors) {
        expect(f.items.length, `${inst.id}/${f.id}`).toBeGreaterThanOrEqual(2);
        expect(f.items.length, `${inst.id}/${f.id}`).toBeLessThanOrEqual(5);
      }
    }
  });

  it("say things differently in nb and nn (nynorsk is not a copy of bokmål)", () => {
    for (const inst of instruments) {
      const items = inst.factors.flatMap((f) => f.items);
      const same = items.filter((i) => i.text.nb === i.text.nn).length;
      expect(same / items.length, inst.id).toBeLessThan(0.5);
    }
  });

  it("include the follow-up question with its three options in every language", () => {
    const q = followUpQuestion();
    expect(q.options.map((o) => o.id)).toEqual(["better", "same", "worse"]);
    for (const l of LOCALES) expect(q.question[l]).toContain("{area}");
  });
});
