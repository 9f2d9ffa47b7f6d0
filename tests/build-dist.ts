import { execFileSync } from "node:child_process";

/**
 * vitest's global set-up: brings dist/ up to date before any test, so the tests that start processes
 * (npm start, bin/pulsen.mjs) run the compiled files that ship, built from the sources as they are now.
 * A no-op check (~0.1 s) after npm ci's prepare; a rebuild (~0.3 s) after an edit.
 */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit" });
}
