import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = process.cwd();

// Removed after all of them: the probes run at once, so one test's clean-up must not take another's tree.
const probes: string[] = [];
afterAll(() => {
  for (const d of probes) rmSync(d, { recursive: true, force: true });
});

/** Runs the project's dependency rules over a small tree of files (in a process of its own, so side by side). */
async function cruise(files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "pulsen-rules-"));
  probes.push(dir);
  mkdirSync(join(dir, "adapters"));
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const args = ["src", "adapters", "--config", join(root, ".dependency-cruiser.cjs")];
  return new Promise((resolve) => {
    execFile(join(root, "node_modules/.bin/depcruise"), args, { cwd: dir, encoding: "utf8" }, (err, out, errOut) =>
      resolve({ ok: err === null, output: out + errOut }),
    );
  });
}

// Each probe is its own process: they run at once.
describe.concurrent("dependency rules", () => {
  it("pass on a tree that keeps them", async () => {
    const r = await cruise({
      "src/core/round.ts": "export const x = 1;\n",
      "src/db/store.ts": 'import { x } from "../core/round";\nexport const y = x;\n',
      "adapters/slack/render.ts": 'import { x } from "../../src/core/round";\nexport const z = x;\n',
    });
    expect(r.output).toContain("no dependency violations");
    expect(r.ok).toBe(true);
  });

  it("catch the core importing the database layer", async () => {
    const r = await cruise({
      "src/db/store.ts": "export const y = 1;\n",
      "src/core/round.ts": 'import { y } from "../db/store";\nexport const x = y;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("core-is-pure");
  });

  it("catch the core doing I/O", async () => {
    const r = await cruise({
      "src/core/round.ts": 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("core-no-io-builtins");
  });

  it("catch one adapter importing another", async () => {
    const r = await cruise({
      "adapters/teams/cards.ts": "export const card = 1;\n",
      "adapters/slack/blocks.ts": 'import { card } from "../teams/cards";\nexport const b = card;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("adapters-do-not-import-each-other");
  });

  it("catch an adapter reaching into the database instead of the port", async () => {
    const r = await cruise({
      "src/db/schema.ts": "export const people = 1;\n",
      "adapters/slack/handlers.ts": 'import { people } from "../../src/db/schema";\nexport const h = people;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("adapters-do-not-touch-db");
  });

  it("catch an adapter deciding a survey rule itself", async () => {
    const r = await cruise({
      "src/rounds/remind.ts": "export const remind = 1;\n",
      "src/bot/port.ts": "export type ChatPort = { x: number };\n",
      "adapters/teams/index.ts": 'import { remind } from "../../src/rounds/remind";\nexport const t = remind;\n',
      "adapters/teams/sender.ts": 'import type { ChatPort } from "../../src/bot/port";\nexport type S = ChatPort;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("adapters-go-through-the-port");
    expect(r.output).not.toContain("adapters/teams/sender.ts");
  });
});
