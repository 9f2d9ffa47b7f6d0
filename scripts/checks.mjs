// npm test's checks at once (two cores; each is its own program): the linter, knip, both type checks and the
// dependency rules. npm test waits for the slowest instead of all in turn. A failing one's output is printed
// whole when it ends, so two never interleave; fails if any fails. `node scripts/checks.mjs typecheck`
// runs only the two type checks (npm run typecheck:both).
import { spawn } from "node:child_process";

const bin = (name) => `node_modules/${name}`;
const checks = {
  lint: [bin("@biomejs/biome/bin/biome"), "check", "--error-on-warnings", "."],
  unused: [bin("knip/bin/knip.js")],
  typecheck: [bin("typescript/bin/tsc"), "--noEmit"],
  "typecheck:web": [bin("typescript/bin/tsc"), "-p", "tsconfig.web.json"],
  deps: [bin("dependency-cruiser/bin/dependency-cruise.mjs"), "src", "adapters", "--config", ".dependency-cruiser.cjs"],
};
const only = process.argv[2] === "typecheck" ? ["typecheck", "typecheck:web"] : Object.keys(checks);
// `--and-tests`: vitest alongside, its output live: the checks fill the cores while tests wait on sockets.
const withTests = process.argv.includes("--and-tests");

const run = (name) =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, checks[name], { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    p.stdout.on("data", (d) => out.push(d));
    p.stderr.on("data", (d) => out.push(d));
    p.on("exit", (code) => {
      const text = Buffer.concat(out).toString();
      lastCheck = performance.now();
      if (code !== 0) process.stdout.write(`\n${name} failed:\n${text}`);
      resolve(code ?? 1);
    });
  });
const began = performance.now();
let lastCheck = began;
const vitest = () =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [bin("vitest/vitest.mjs"), "run"], { stdio: "inherit" });
    p.on("exit", (code) => resolve(code ?? 1));
  });
const codes = await Promise.all([...only.map(run), ...(withTests ? [vitest()] : [])]);
const failed = codes.some((c) => c !== 0);
if (!failed) process.stdout.write(`checks ok: ${only.join(", ")} (${((lastCheck - began) / 1000).toFixed(0)} s)\n`);
process.exit(failed ? 1 : 0);
