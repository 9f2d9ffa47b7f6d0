import { type Clock, ManualClock } from "../../src/core/clock";
import { runCli } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

/** Runs `pulsen …` in-process against the given database file. */
export async function pulsen(
  args: string[],
  opts: { databasePath: string; cwd?: string; env?: Record<string, string>; clock?: Clock },
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    env: { DATABASE_PATH: opts.databasePath, ...opts.env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    clock: opts.clock ?? new ManualClock("2026-11-23T09:00:00Z"),
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}
