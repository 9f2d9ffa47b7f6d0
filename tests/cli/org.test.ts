import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SMALL_ORG, csv } from "../helpers/csv";
import { pulsen } from "../helpers/cli";
import { tempDir } from "../helpers/tmp";

function setup(files: Record<string, string>) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { cwd: dir, databasePath: join(dir, "pulsen.db") };
}

describe("pulsen org", () => {
  it("imports a file and shows the tree", async () => {
    const env = setup({ "org.csv": SMALL_ORG });
    const imported = await pulsen(["org", "import", "org.csv"], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Created 4 units; added 5, updated 0, deactivated 0 people; 0 unchanged.");
    const shown = await pulsen(["org", "show"], env);
    expect(shown.stdout).toContain("Seljord kommune: 5 people in 4 units (locale nb, Europe/Oslo)");
    expect(shown.stdout).toContain("  Helse og omsorg (3)  leader: Ola Bråten");
    expect(shown.stdout).toContain("    Sykehjemmet (2)");
  });

  it("shows the tree as JSON", async () => {
    const env = setup({ "org.csv": SMALL_ORG });
    await pulsen(["org", "import", "org.csv"], env);
    const tree = (await pulsen(["org", "show", "--json"], env)).json() as {
      organization: { name: string };
      root: { path: string; total: number; children: { path: string; children: { path: string; people: number }[] }[] };
    };
    expect(tree.organization.name).toBe("Seljord kommune");
    expect(tree.root.total).toBe(5);
    expect(tree.root.children.map((c) => c.path)).toEqual([
      "Seljord kommune > Helse og omsorg",
      "Seljord kommune > Oppvekst",
    ]);
    expect(tree.root.children[0]!.children[0]).toMatchObject({
      path: "Seljord kommune > Helse og omsorg > Sykehjemmet",
      people: 2,
    });
  });

  it("dry run lists every change and writes nothing", async () => {
    const env = setup({ "org.csv": SMALL_ORG });
    const dry = await pulsen(["org", "import", "org.csv", "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("  + unit   Seljord kommune > Helse og omsorg > Sykehjemmet");
    expect(dry.stdout).toContain(
      "  + person per@seljord.example (Per Ødegård) in Seljord kommune > Helse og omsorg > Sykehjemmet",
    );
    expect(dry.stdout).toContain("Dry run: nothing was written.");
    const shown = await pulsen(["org", "show"], env);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toBe("pulsen: no organization yet (import one: pulsen org import FILE)\n");
  });

  it("dry run as JSON names added, updated and deactivated people", async () => {
    const env = setup({
      "org.csv": SMALL_ORG,
      "next.csv": csv([
        "kari@seljord.example,Kari N. Nordmann,Seljord kommune,Seljord kommune,hr,U0KARI,,nb,Europe/Oslo",
      ]),
    });
    await pulsen(["org", "import", "org.csv"], env);
    const dry = (await pulsen(["org", "import", "next.csv", "--dry-run", "--json"], env)).json();
    expect(dry).toEqual({
      dryRun: true,
      organization: { name: "Seljord kommune", created: false },
      units: { created: [] },
      people: {
        added: [],
        updated: [{ email: "kari@seljord.example", fields: ["name"] }],
        deactivated: ["aase@seljord.example", "ola@seljord.example", "per@seljord.example", "siv@seljord.example"],
        unchanged: 0,
      },
    });
  });

  it("exits 1 with the reason and every bad line", async () => {
    const env = setup({ "bad.csv": csv(["kari@x.example,Kari,Org,,,,,se,", "kari@x.example,Kari,Org,,,,,,"]) });
    const r = await pulsen(["org", "import", "bad.csv"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'pulsen: the file has 2 errors; nothing was imported\n  line 2: locale "se" is unknown (use nb, nn, en, or leave it empty)\n  line 3: email kari@x.example appears again (first on line 2)\n',
    );
    const j = await pulsen(["org", "import", "bad.csv", "--json"], env);
    expect(j.json()).toMatchObject({
      error: { code: "input_invalid", details: [expect.stringMatching(/^line 2/), expect.stringMatching(/^line 3/)] },
    });
  });

  it("exits 1 on a missing file and 2 on bad usage", async () => {
    const env = setup({});
    const missing = await pulsen(["org", "import", "nope.csv"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("pulsen: cannot read nope.csv: ENOENT\n");
    expect((await pulsen(["org", "import"], env)).code).toBe(2);
    expect((await pulsen(["org", "frobnicate"], env)).code).toBe(2);
    expect((await pulsen(["org", "show", "--bogus"], env)).code).toBe(2);
    expect((await pulsen([], env)).code).toBe(2);
    expect((await pulsen(["--help"], env)).code).toBe(0);
  });

  it("exits 1 with the variable's name when the environment is bad", async () => {
    const env = setup({ "org.csv": SMALL_ORG });
    const r = await pulsen(["org", "show"], { ...env, env: { ANONYMITY_MIN: "1" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pulsen: ANONYMITY_MIN must be at least 3/);
  });
});
