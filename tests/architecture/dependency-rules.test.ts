import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp";

const root = process.cwd();

/** Runs the project's dependency rules over a small tree of files. */
function cruise(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = tempDir();
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
  const r = spawnSync(
    join(root, "node_modules/.bin/depcruise"),
    ["src", "adapters", "--config", join(root, ".dependency-cruiser.cjs")],
    { cwd: dir, encoding: "utf8" },
  );
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

describe("dependency rules", () => {
  it("pass on a tree that keeps them", () => {
    const r = cruise({
      "src/core/round.ts": "export const x = 1;\n",
      "src/db/store.ts": 'import { x } from "../core/round";\nexport const y = x;\n',
      "adapters/slack/render.ts": 'import { x } from "../../src/core/round";\nexport const z = x;\n',
    });
    expect(r.output).toContain("no dependency violations");
    expect(r.ok).toBe(true);
  });

  it("catch the core importing the database layer", () => {
    const r = cruise({
      "src/db/store.ts": "export const y = 1;\n",
      "src/core/round.ts": 'import { y } from "../db/store";\nexport const x = y;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("core-is-pure");
  });

  it("catch the core doing I/O", () => {
    const r = cruise({
      "src/core/round.ts": 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("core-no-io-builtins");
  });

  it("catch one adapter importing another", () => {
    const r = cruise({
      "adapters/teams/cards.ts": "export const card = 1;\n",
      "adapters/slack/blocks.ts": 'import { card } from "../teams/cards";\nexport const b = card;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("adapters-do-not-import-each-other");
  });

  it("catch an adapter reaching into the database instead of the port", () => {
    const r = cruise({
      "src/db/schema.ts": "export const people = 1;\n",
      "adapters/slack/handlers.ts": 'import { people } from "../../src/db/schema";\nexport const h = people;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.output).toContain("adapters-do-not-touch-db");
  });

  it("catch an adapter deciding a survey rule itself", () => {
    const r = cruise({
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
