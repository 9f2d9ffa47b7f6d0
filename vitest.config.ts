import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects (`npx vitest run --project unit`, `--project integration`):
 * - unit: pure code, no files, servers or processes; runs in worker threads.
 * - integration: real SQLite files, HTTP servers, child processes and the
 *   browser; runs in forked processes so native modules and signals behave.
 */
const unit = ["tests/core/**/*.test.ts", "tests/instruments/**/*.test.ts", "tests/config.test.ts"];

export default defineConfig({
  test: {
    // Most tests wait on sockets, SQLite and child processes, not the CPU: two workers even on two cores
    // (vitest's default there is one) take the suite from about 80 s to about 50 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    globalSetup: ["tests/build-dist.ts"],
    hookTimeout: 30_000,
    // npm run coverage: a table by folder (and file), then the totals. Only the
    // TypeScript that runs in Node: the dashboard's browser scripts, JSON data
    // and READMEs are not measurable here, and neither is code run in child
    // processes (the CLI, npm start, the crash test's scheduler).
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "adapters/**/*.ts"],
      reporter: ["text", "text-summary"],
      reportsDirectory: "coverage",
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: unit, pool: "threads" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...unit],
          pool: "forks",
          // One module graph per worker, not per file: importing the server's modules again for each of
          // 80 files was half the suite's time (import 47 s → 10 s, the suite 97 s → 68 s). Tests share no
          // state through modules: each builds its own database file, server and clock.
          isolate: false,
        },
      },
    ],
  },
});
