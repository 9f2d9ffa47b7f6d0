import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("CSV writers", () => {
  it("all make their cells formula-safe with the one function the org import reverses", () => {
    const writers = [...sources("src"), ...sources("scripts")].filter((f) =>
      readFileSync(f, "utf8").includes('from "csv-stringify'),
    );
    expect(writers.length).toBeGreaterThan(0);
    const unsafe = writers.filter(
      (f) => !/import \{[^}]*\bformulaSafeRows\b[^}]*\} from "[./]+core\/csv-cell"/.test(readFileSync(f, "utf8")),
    );
    expect(unsafe).toEqual([]);
  });
});
