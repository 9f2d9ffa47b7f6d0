/**
 * `npm run bench`: prints one line per figure and writes them to
 * bench/results.json as {"figures": {"name": number, …}}.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticOrgCsv } from "../src/demo/synthetic-org";
import { benchFanout } from "./fanout";
import { benchFanoutCrash } from "./fanout-crash";
import { benchImport } from "./import";
import { benchInteractions } from "./interactions";
import { benchReports } from "./reports";
import { benchStartup } from "./startup";

const figures: Record<string, number> = {};
function figure(name: string, value: number, unit: string): void {
  figures[name] = Number(value.toFixed(3));
  process.stdout.write(`${name} ${figures[name]} ${unit}\n`);
}

function orgImport(): void {
  const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
  try {
    const file = join(dir, "org.csv");
    writeFileSync(file, syntheticOrgCsv({ people: 2000, units: 150, levels: 5 }));
    const env = { ...process.env, DATABASE_PATH: join(dir, "pulsen.db") };
    const bin = join(process.cwd(), "bin/pulsen.mjs");
    // Whole command, as an operator runs it: process start, migrations, validation, one transaction.
    let began = performance.now();
    execFileSync(process.execPath, [bin, "org", "import", file], { env, stdio: "pipe" });
    figure("org_import.first_2000_people_s", (performance.now() - began) / 1000, "s");
    began = performance.now();
    execFileSync(process.execPath, [bin, "org", "import", file], { env, stdio: "pipe" });
    figure("org_import.reimport_2000_people_s", (performance.now() - began) / 1000, "s");
    began = performance.now();
    execFileSync(process.execPath, [bin, "org", "show", "--json"], { env, stdio: "pipe" });
    figure("org_show.2000_people_s", (performance.now() - began) / 1000, "s");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

orgImport();
await benchStartup(figure);
benchImport(figure);
benchReports(figure);
const fanoutDir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
try {
  await benchFanout(fanoutDir, figure);
} finally {
  rmSync(fanoutDir, { recursive: true, force: true });
}
const crashDir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
try {
  await benchFanoutCrash(crashDir, figure);
} finally {
  rmSync(crashDir, { recursive: true, force: true });
}
const clickDir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
try {
  await benchInteractions(clickDir, figure);
} finally {
  rmSync(clickDir, { recursive: true, force: true });
}
writeFileSync(join(process.cwd(), "bench/results.json"), `${JSON.stringify({ figures }, null, 2)}\n`);
