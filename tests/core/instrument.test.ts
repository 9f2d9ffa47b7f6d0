import { describe, expect, it } from "vitest";
import { parseInstrument } from "../../src/core/instrument";
import { builtinInstruments } from "../../src/instruments/catalog";

const valid = () =>
  structuredClone(builtinInstruments()[0]!) as unknown as Record<string, unknown> & {
    factors: { id: string; items: { id: string; text: Record<string, string>; reverse: unknown }[] }[];
    scale: { labels: Record<string, string[]> };
  };

function errors(mutate: (i: ReturnType<typeof valid>) => void): string[] {
  const inst = valid();
  mutate(inst);
  const r = parseInstrument(inst);
  return r.ok ? [] : r.errors;
}

describe("instrument validation", () => {
  it("accepts a built-in instrument", () => {
    expect(parseInstrument(valid()).ok).toBe(true);
  });

  it.each([
    [
      "an empty statement",
      (i: ReturnType<typeof valid>) => (i.factors[1]!.items[0]!.text.nn = "  "),
      "factors[1].items[0].text.nn: must not be empty",
    ],
    [
      "a missing language",
      (i: ReturnType<typeof valid>) => delete i.factors[0]!.items[2]!.text.en,
      "factors[0].items[2].text.en:",
    ],
    [
      "a duplicate item id",
      (i: ReturnType<typeof valid>) => (i.factors[1]!.items[1]!.id = i.factors[0]!.items[0]!.id),
      "factors[1].items[1].id: duplicate item id",
    ],
    [
      "a duplicate factor id",
      (i: ReturnType<typeof valid>) => (i.factors[2]!.id = i.factors[0]!.id),
      "factors[2].id: duplicate factor id",
    ],
    [
      "a repeated statement",
      (i: ReturnType<typeof valid>) => (i.factors[2]!.items[0]!.text.nb = i.factors[0]!.items[0]!.text.nb!),
      "factors[2].items[0].text.nb: same statement as item",
    ],
    [
      "a factor with one item",
      (i: ReturnType<typeof valid>) => i.factors[0]!.items.splice(1),
      "factors[0].items: a factor needs at least 2 items",
    ],
    [
      "a factor with six items",
      (i: ReturnType<typeof valid>) => {
        const f = i.factors[0]!;
        while (f.items.length < 6)
          f.items.push({
            ...f.items[0]!,
            id: `extra-${f.items.length}`,
            text: { nb: `x${f.items.length}`, nn: `y${f.items.length}`, en: `z${f.items.length}` },
          });
      },
      "factors[0].items: a factor has at most 5 items",
    ],
    [
      "a reverse flag that is not a boolean",
      (i: ReturnType<typeof valid>) => (i.factors[0]!.items[0]!.reverse = "yes"),
      "factors[0].items[0].reverse:",
    ],
    [
      "four scale labels",
      (i: ReturnType<typeof valid>) => i.scale.labels.nb!.pop(),
      "scale.labels.nb: must hold exactly 5 labels",
    ],
    ["a bad id", (i: ReturnType<typeof valid>) => (i.id = "Engagement Pulse"), "id: must be lowercase kebab-case"],
    ["an unknown field", (i: ReturnType<typeof valid>) => (i.colour = "blue"), "(file):"],
  ])("refuses %s, naming the field", (_name, mutate, expected) => {
    const list = errors(mutate);
    expect(
      list.some((e) => e.startsWith(expected)),
      list.join("\n"),
    ).toBe(true);
  });
});
