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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: unit, pool: "threads" },
      },
      {
        extends: true,
        test: { name: "integration", include: ["tests/**/*.test.ts"], exclude: [...configDefaults.exclude, ...unit], pool: "forks" },
      },
    ],
  },
});
