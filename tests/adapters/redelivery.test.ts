import { describe, expect, it } from "vitest";
import { Redeliveries } from "../../adapters/teams/redelivery";

describe("Teams redeliveries", () => {
  it("run a key's work once and give every delivery its answer; a failed one is forgotten; the oldest go first", async () => {
    const r = new Redeliveries<string>(2);
    let runs = 0;
    const work = (answer: string) => async () => {
      runs++;
      return answer;
    };
    expect(await Promise.all([r.run("a", work("A")), r.run("a", work("B")), r.run("a", work("C"))])).toEqual([
      "A",
      "A",
      "A",
    ]);
    expect(runs).toBe(1);
    // Without an id there is nothing to know it by: it runs.
    await r.run(null, work("x"));
    await r.run(null, work("x"));
    expect(runs).toBe(3);
    // A delivery that failed runs again when redelivered.
    await expect(r.run("f", () => Promise.reject(new Error("token refused")))).rejects.toThrow();
    await new Promise((done) => setTimeout(done, 0));
    expect(await r.run("f", work("F"))).toBe("F");
    // Capacity two: "a" was the oldest, so it is forgotten.
    await r.run("g", work("G"));
    expect(await r.run("a", work("A2"))).toBe("A2");
  });
});
