// npm run build (also npm ci's prepare and npm start): bundles the processes Pulsen runs into dist/, so they
// start as plain JavaScript instead of compiling TypeScript through tsx at every start (~0.6–4 s).
// `--if-stale` does nothing when dist/stamp.json still matches the sources (see dist-stamp.mjs).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { distIsCurrent, writeStamp } from "./dist-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Each is started as its own process: the server (npm start) and the CLI (bin/pulsen.mjs).
const entryPoints = { main: "src/main.ts", cli: "src/cli/bin.ts" };
const entries = Object.keys(entryPoints);

if (process.argv.includes("--if-stale") && entries.every((e) => distIsCurrent(root, e))) process.exit(0);

// Loaded only when there is something to build: the check above is the whole cost of an up-to-date start.
const esbuild = await import("esbuild");
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outdir: "dist",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  metafile: true,
  write: false,
  logLevel: "warning",
});
mkdirSync(join(root, "dist"), { recursive: true });
// Each file lands by rename: a `pulsen` starting during a rebuild reads the old file or the new, never half.
for (const file of result.outputFiles) {
  writeFileSync(`${file.path}.${process.pid}`, file.contents);
  renameSync(`${file.path}.${process.pid}`, file.path);
}
const read = Object.keys(result.metafile.inputs).map((f) => relative(root, join(root, f)));
// The build script itself is an input too: a changed build must not pass for the old one.
writeStamp(root, entries, [...read, "scripts/build.mjs", "scripts/dist-stamp.mjs"]);
