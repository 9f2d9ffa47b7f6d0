import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pulsen } from "../helpers/cli";
import { HEADER } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

const file = (rows: string[]) => `${[`${HEADER},phone,channel,attr:position_type`, ...rows].join("\n")}\n`;
const ROWS = ["kari@org.example,Kari,Org,Org,hr,,,,,,,Lege", "ola@org.example,Ola,Org > A,,,,,,,,,"];

describe("pulsen org with attr: columns", () => {
  it("shows attribute changes in a dry run, and names and counts (never who has what) in org show", async () => {
    const dir = tempDir();
    const env = { cwd: dir, databasePath: join(dir, "pulsen.db") };
    writeFileSync(join(dir, "org.csv"), file(ROWS));
    expect((await pulsen(["org", "import", "org.csv"], env)).code).toBe(0);
    writeFileSync(join(dir, "next.csv"), file(ROWS.map((r) => r.replace(/,$/, ",Sykepleier"))));
    const dry = await pulsen(["org", "import", "next.csv", "--dry-run"], env);
    expect(dry.stdout).toContain("  attributes this file sets: attr:position_type\n");
    expect(dry.stdout).toContain("  ~ person ola@org.example: attr:position_type\n");
    const shown = await pulsen(["org", "show"], env);
    expect(shown.stdout).toContain("attr:position_type: 1 of 2 people have a value (1 different)");
    expect(shown.stdout).not.toContain("Lege");
    const json = (await pulsen(["org", "show", "--json"], env)).json() as { attributes: unknown };
    expect(json.attributes).toEqual([{ name: "position_type", people: 1, values: 1 }]);
  });
});
