/**
 * Start-up of what ships, as an operator meets it (issue #17 item 2):
 * - startup.ms: spawn of the compiled server (PORT=0, a fresh database each time: migrations and the
 *   demo seed included) until GET /healthz answers 200;
 * - cli.ms: wall time of `node bin/pulsen.mjs instruments list` on an existing database, as an HR
 *   script's repeated calls meet it.
 * Each the median of 5 runs, after bringing dist/ up to date.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Figure = (name: string, value: number, unit: string) => void;

const RUNS = 5;
const SERVER = ["--enable-source-maps", "dist/main.js"];
const CLI = ["bin/pulsen.mjs"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** ms from spawn until /healthz answers 200; the port is the one the server prints (it listens on PORT=0). */
async function serverStartMs(argv: string[], dir: string): Promise<number> {
  const env = { ...process.env, PORT: "0", LOG_LEVEL: "warn", DATABASE_PATH: join(dir, "pulsen.db") };
  const began = performance.now();
  const child = spawn(process.execPath, argv, { env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const healthz = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += String(d);
        const url = /health: +(\S+\/healthz)/.exec(out)?.[1];
        if (url) resolve(url);
      });
      child.on("exit", (code) => reject(new Error(`server exited with ${code} before printing its address`)));
    });
    for (;;) {
      const ok = await fetch(healthz).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - began;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill("SIGKILL");
  }
}

function cliMs(argv: string[], env: NodeJS.ProcessEnv): number {
  const began = performance.now();
  execFileSync(process.execPath, [...argv, "instruments", "list"], { env, stdio: "pipe" });
  return performance.now() - began;
}

/** The commands are parameters so the same protocol can time another way of starting (tsx, for comparison). */
export async function benchStartup(figure: Figure, commands = { server: SERVER, cli: CLI }): Promise<void> {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-startup-"));
  try {
    const starts: number[] = [];
    for (let i = 0; i < RUNS; i++) starts.push(await serverStartMs(commands.server, mkdtempSync(join(dir, "s-"))));
    figure("startup.ms", median(starts), "ms");
    const env = { ...process.env, DATABASE_PATH: join(dir, "cli.db") };
    cliMs(commands.cli, env); // creates and migrates the database, as the first command of a set-up does
    figure("cli.ms", median(Array.from({ length: RUNS }, () => cliMs(commands.cli, env))), "ms");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
