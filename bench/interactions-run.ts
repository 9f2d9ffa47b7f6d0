/**
 * `npx tsx bench/interactions-run.ts`: only the click figures of `npm run bench` (bench/interactions.ts),
 * printed and not written to bench/results.json, to measure one change to the tap path on its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchInteractions } from "./interactions";

const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
try {
  await benchInteractions(dir, (name, value, unit) => process.stdout.write(`${name} ${value.toFixed(3)} ${unit}\n`));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
