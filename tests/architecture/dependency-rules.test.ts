import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = process.cwd();

/**
 * One small tree per rule, all in one folder under distinct file names, so one depcruise run (one process,
 * ~2 s) judges every probe: each test reads the violations that start in its own files.
 */
const PROBES = {
  keeps: {
    "src/core/keeps-round.ts": "export const x = 1;\n",
    "src/db/keeps-store.ts": 'import { x } from "../core/keeps-round";\nexport const y = x;\n',
    "adapters/slack/keeps-render.ts": 'import { x } from "../../src/core/keeps-round";\nexport const z = x;\n',
  },
  coreImportsDb: {
    "src/db/pure-store.ts": "export const y = 1;\n",
    "src/core/pure-round.ts": 'import { y } from "../db/pure-store";\nexport const x = y;\n',
  },
  coreDoesIo: {
    "src/core/io-round.ts": 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
  },
  adapterImportsAdapter: {
    "adapters/teams/cross-cards.ts": "export const card = 1;\n",
    "adapters/slack/cross-blocks.ts": 'import { card } from "../teams/cross-cards";\nexport const b = card;\n',
  },
  adapterTouchesDb: {
    "src/db/touch-schema.ts": "export const people = 1;\n",
    "adapters/slack/touch-handlers.ts":
      'import { people } from "../../src/db/touch-schema";\nexport const h = people;\n',
  },
  adapterDecidesRule: {
    "src/rounds/remind.ts": "export const remind = 1;\n",
    "src/bot/port.ts": "export type ChatPort = { x: number };\n",
    "adapters/teams/index.ts": 'import { remind } from "../../src/rounds/remind";\nexport const t = remind;\n',
    "adapters/teams/sender.ts": 'import type { ChatPort } from "../../src/bot/port";\nexport type S = ChatPort;\n',
  },
} satisfies Record<string, Record<string, string>>;

interface Violation {
  from: string;
  rule: { name: string };
}

let dir = "";
let violations: Violation[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pulsen-rules-"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" } }),
  );
  for (const files of Object.values(PROBES))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  const args = ["src", "adapters", "--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "json"];
  const out = await new Promise<string>((resolve, reject) => {
    // Exit code 1 means "violations found": the JSON is on stdout either way.
    execFile(join(root, "node_modules/.bin/depcruise"), args, { cwd: dir, encoding: "utf8" }, (err, stdout) =>
      stdout ? resolve(stdout) : reject(err),
    );
  });
  violations = (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The rules broken by dependencies that start in one probe's files. */
function broken(probe: keyof typeof PROBES): string[] {
  const files = new Set(Object.keys(PROBES[probe]));
  return violations.filter((v) => files.has(v.from)).map((v) => `${v.rule.name} ${v.from}`);
}

describe("dependency rules", () => {
  it("pass on a tree that keeps them", () => {
    expect(broken("keeps")).toEqual([]);
  });

  it("catch the core importing the database layer", () => {
    expect(broken("coreImportsDb")).toContain("core-is-pure src/core/pure-round.ts");
  });

  it("catch the core doing I/O", () => {
    expect(broken("coreDoesIo")).toContain("core-no-io-builtins src/core/io-round.ts");
  });

  it("catch one adapter importing another", () => {
    expect(broken("adapterImportsAdapter")).toContain(
      "adapters-do-not-import-each-other adapters/slack/cross-blocks.ts",
    );
  });

  it("catch an adapter reaching into the database instead of the port", () => {
    expect(broken("adapterTouchesDb")).toContain("adapters-do-not-touch-db adapters/slack/touch-handlers.ts");
  });

  it("catch an adapter deciding a survey rule itself, and let it use the port", () => {
    const rules = broken("adapterDecidesRule");
    expect(rules).toContain("adapters-go-through-the-port adapters/teams/index.ts");
    expect(rules.filter((r) => r.endsWith("adapters/teams/sender.ts"))).toEqual([]);
  });
});
