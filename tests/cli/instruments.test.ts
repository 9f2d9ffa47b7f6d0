import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pulsen } from "../helpers/cli";
import { tempDir } from "../helpers/tmp";

function env() {
  const dir = tempDir();
  return { cwd: dir, databasePath: join(dir, "pulsen.db") };
}

const builtinFile = (id: string) =>
  JSON.parse(readFileSync(join(process.cwd(), "src/instruments/data", `${id}.json`), "utf8")) as Record<
    string,
    unknown
  >;

describe("pulsen instruments", () => {
  it("lists the four built-in instruments", async () => {
    const r = await pulsen(["instruments", "list", "--json"], env());
    expect(r.code).toBe(0);
    const list = r.json() as { id: string; items: number; source: string }[];
    expect(list.map((i) => i.id).sort()).toEqual([
      "demands-resources",
      "engagement-pulse",
      "quick-pulse",
      "ten-factors",
    ]);
    expect(list.find((i) => i.id === "engagement-pulse")).toMatchObject({ items: 13, source: "builtin" });
  });

  it("shows an instrument in the contract's JSON shape, in the organization's locale", async () => {
    const e = env();
    const shown = (await pulsen(["instruments", "show", "engagement-pulse", "--json"], e)).json() as {
      id: string;
      name: string;
      factors: { id: string; name: string; items: { id: string; text: string }[] }[];
    };
    expect(shown.id).toBe("engagement-pulse");
    expect(shown.factors.map((f) => f.id)).toEqual(["engagement", "leadership", "execution", "change"]);
    const nb = builtinFile("engagement-pulse") as { factors: { items: { text: { nb: string; en: string } }[] }[] };
    expect(shown.factors[0]!.items[0]!.text).toBe(nb.factors[0]!.items[0]!.text.nb);
    const en = (
      await pulsen(["instruments", "show", "engagement-pulse", "--json", "--locale", "en"], e)
    ).json() as typeof shown;
    expect(en.factors[0]!.items[0]!.text).toBe(nb.factors[0]!.items[0]!.text.en);
  });

  it("shows statements as text, and refuses an unknown id or locale", async () => {
    const e = env();
    const text = await pulsen(["instruments", "show", "quick-pulse"], e);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n").filter((l) => l.startsWith("    wellbeing-")).length).toBe(4);
    const missing = await pulsen(["instruments", "show", "nope"], e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('pulsen: no instrument "nope" (see: pulsen instruments list)\n');
    expect((await pulsen(["instruments", "show", "quick-pulse", "--locale", "sv"], e)).code).toBe(2);
  });

  it("adds a valid custom instrument and refuses a broken one, naming the field", async () => {
    const e = env();
    const custom = { ...builtinFile("quick-pulse"), id: "our-pulse", version: 1 };
    writeFileSync(join(e.cwd, "ours.json"), JSON.stringify(custom));
    const added = await pulsen(["instruments", "add", "ours.json"], e);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Added our-pulse v1: 4 statements in 1 factors.");
    const again = await pulsen(["instruments", "add", "ours.json"], e);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("pulsen: version: our-pulse already has version 1; raise version to add a new one\n");

    const broken = structuredClone(custom) as unknown as {
      version: number;
      factors: { items: { text: { nn: string } }[] }[];
    };
    broken.version = 2;
    broken.factors[0]!.items[2]!.text.nn = "";
    writeFileSync(join(e.cwd, "broken.json"), JSON.stringify(broken));
    const refused = await pulsen(["instruments", "add", "broken.json"], e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("factors[0].items[2].text.nn: must not be empty");
    const list = (await pulsen(["instruments", "list", "--json"], e)).json() as { id: string; version: number }[];
    expect(list.find((i) => i.id === "our-pulse")!.version).toBe(1);

    writeFileSync(join(e.cwd, "notjson.json"), "{ nope");
    const notJson = await pulsen(["instruments", "add", "notjson.json"], e);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/notjson\.json is not valid JSON/);

    writeFileSync(join(e.cwd, "builtin.json"), JSON.stringify(builtinFile("quick-pulse")));
    const clash = await pulsen(["instruments", "add", "builtin.json"], e);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('"quick-pulse" is a built-in instrument');
  });
});
