import { join } from "node:path";

/**
 * The arguments that start a test worker (tests/jobs/NAME.ts) as its own process: its bundle, which
 * vitest's global set-up (tests/build-dist.ts) builds from the sources before every run.
 */
export function workerArgs(name: "fanout-worker" | "email-worker" | "slack-crash-worker"): string[] {
  return ["--enable-source-maps", join(process.cwd(), "dist/test-workers", `${name}.js`)];
}
