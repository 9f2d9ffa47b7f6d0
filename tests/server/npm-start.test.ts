import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp";

let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  child = null;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let out = "";
  const proc = spawn("npm", ["start", "--silent"], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    detached: true,
  });
  child = proc;
  proc.stdout?.on("data", (d) => (out += String(d)));
  proc.stderr?.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

describe("npm start (the server compiled into dist/)", () => {
  it("answers /healthz within 10 seconds on an empty database", async () => {
    const port = await freePort();
    const began = Date.now();
    const s = start({ PORT: String(port), DATABASE_PATH: `${tempDir()}/data/pulsen.db` });
    let ok = false;
    while (!ok && Date.now() - began < 10_000) {
      ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ok) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ok).toBe(true);
    expect(s.output()).toContain(`http://localhost:${port}/healthz`);
    // The compiled server (dist/) still finds the files shipped beside the sources: the dashboard and its assets.
    for (const path of ["/", "/assets/dashboard.js", "/assets/vendor/teams.js"]) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.text()).length, path).toBeGreaterThan(100);
    }
  });

  it("stops with one line naming the variable when configuration is bad", async () => {
    const s = start({ ANONYMITY_MIN: "2", DATABASE_PATH: `${tempDir()}/pulsen.db` });
    expect(await s.exited).toBe(1);
    expect(s.output().trim()).toBe(
      "pulsen: configuration error: ANONYMITY_MIN must be at least 3 (smaller groups can be recognised)",
    );
  });
});
