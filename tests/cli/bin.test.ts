import { execFile } from "node:child_process";
import { cpSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distIsCurrent } from "../../scripts/dist-stamp.mjs";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <root>/bin/pulsen.mjs …` as its own process, the way `npx pulsen …` runs it. */
function run(root: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, "bin/pulsen.mjs"), ...args],
      { cwd: opts.cwd, env: { PATH: process.env.PATH ?? "", ...opts.env }, encoding: "utf8" },
      (err, stdout, stderr) => resolve({ code: err ? (err.code as number) : 0, stdout, stderr }),
    );
  });
}

const build = (root: string) =>
  new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: root }, (e) => (e ? reject(e) : resolve())),
  );

describe("the pulsen command", () => {
  it("runs the compiled CLI, which finds its migrations and instruments from any folder", async () => {
    // tests/build-dist.ts built dist/ before the suite: this run is the compiled one that ships.
    expect(distIsCurrent(process.cwd(), "cli")).toBe(true);
    const dir = tempDir();
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    const env = { DATABASE_PATH: join(dir, "pulsen.db") };
    const imported = await run(process.cwd(), ["org", "import", "org.csv"], { cwd: dir, env });
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toContain("added 5, updated 0, deactivated 0 people");
    const listed = await run(process.cwd(), ["instruments", "list"], { cwd: dir, env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^quick-pulse +v1 +4 statements/m);
  });

  it("runs an edited source, not the stale build, until the next build", async () => {
    // A copy of the package, so editing a source here cannot make the other tests' dist stale.
    const root = tempDir();
    for (const p of ["package.json", "tsconfig.json", "bin", "scripts", "src", "adapters", "migrations"])
      cpSync(p, join(root, p), { recursive: true });
    symlinkSync(realpathSync("node_modules"), join(root, "node_modules"));
    await build(root);
    const help = () => run(root, ["--help"], { cwd: root });
    const compiled = () => readFileSync(join(root, "dist/cli.js"), "utf8");
    expect(compiled()).toContain("Pulsen: employee pulse surveys");

    const main = join(root, "src/cli/main.ts");
    writeFileSync(main, readFileSync(main, "utf8").replace("Pulsen: employee", "Pulsen (edited): employee"));
    expect((await help()).stdout).toContain("Pulsen (edited): employee");
    await build(root);
    expect(distIsCurrent(root, "cli")).toBe(true);
    // Current again, so the next `pulsen` runs this build (the first test: a current build is what runs).
    expect(compiled()).toContain("Pulsen (edited): employee");
  });
});
