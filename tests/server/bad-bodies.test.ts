import { afterEach, describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { type RunningServer, startServer } from "../../src/server/start";
import { tempDir } from "../helpers/tmp";
import { capturedLogger } from "../helpers/log-lines";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function boot() {
  const { lines, logger } = capturedLogger();
  const config = loadConfig({ PORT: "0", DATABASE_PATH: `${tempDir()}/pulsen.db` });
  running = await startServer(config, logger, new ManualClock("2026-11-24T09:00:00Z"), {
    adapters: [webchatAdapter],
    tick: null,
  });
  return { lines, url: running.url };
}

const formOf = (bytes: number) => `a=${"b".repeat(bytes)}`;
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_TYPE = { "content-type": "application/json" };

describe("bodies nobody can read are the caller's error", () => {
  it("answers 413 or 400 with a clear message and one log line, on pages and on /api", async () => {
    const { lines, url } = await boot();
    // The dashboard's JSON says it in the reader's language (Norwegian by default).
    const cases = [
      { path: "/chat/p1/act", headers: FORM, body: formOf(17_000), status: 413, says: /too large/ },
      { path: "/chat/p1/say", headers: FORM, body: formOf(17_000), status: 413, says: /too large/ },
      { path: "/l/some-token/act", headers: FORM, body: formOf(17_000), status: 413, says: /too large/ },
      { path: "/api/session/demo", headers: JSON_TYPE, body: "{not json", status: 400, says: /JSON/ },
      {
        path: "/api/session/demo",
        headers: JSON_TYPE,
        body: JSON.stringify({ x: "y".repeat(70_000) }),
        status: 413,
        says: /for stor/,
      },
    ];
    for (const c of cases) {
      const before = lines.length;
      const res = await fetch(`${url}${c.path}`, { method: "POST", headers: c.headers, body: c.body });
      expect(res.status, c.path).toBe(c.status);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe("input_invalid");
      expect(body.message).toMatch(c.says);
      const logged = lines.slice(before);
      expect(logged.length, c.path).toBe(1);
      for (const line of logged) expect(line).not.toContain('"stack"');
    }
  });
});
