import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { createLogger } from "../../src/log";
import { startServer } from "../../src/server/start";
import { tempDir } from "../helpers/tmp";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger("debug", stream) };
}

describe("server shell", () => {
  it("answers /healthz once the database is migrated, and JSON 404 elsewhere", async () => {
    const config = loadConfig({ PORT: "0", DATABASE_PATH: `${tempDir()}/nested/folder/pulsen.db` });
    const { logger } = capture();
    const running = await startServer(config, logger, new ManualClock("2026-11-23T09:00:00Z"));
    try {
      const health = await fetch(`${running.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const missing = await fetch(`${running.url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: "not_found" });
    } finally {
      await running.stop();
    }
  });

  it("listens on HOST: 0.0.0.0 unless told otherwise", async () => {
    for (const [env, address] of [
      [{}, "0.0.0.0"],
      [{ HOST: "127.0.0.1" }, "127.0.0.1"],
    ] as const) {
      const config = loadConfig({ PORT: "0", DATABASE_PATH: `${tempDir()}/pulsen.db`, ...env });
      const running = await startServer(config, capture().logger, new ManualClock("2026-11-23T09:00:00Z"));
      try {
        expect((running.server.address() as AddressInfo).address).toBe(address);
        expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      } finally {
        await running.stop();
      }
    }
  });

  it("never writes a secret to the log", async () => {
    const secrets = {
      SLACK_BOT_TOKEN: "xoxb-very-secret",
      SLACK_SIGNING_SECRET: "sign-very-secret",
      MICROSOFT_APP_ID: "app-id",
      MICROSOFT_APP_PASSWORD: "pw-very-secret",
      MICROSOFT_APP_TENANT_ID: "tenant-id",
    };
    const config = loadConfig({ PORT: "0", DATABASE_PATH: `${tempDir()}/pulsen.db`, ...secrets });
    const { lines, logger } = capture();
    logger.info({ config, env: secrets }, "a careless line that dumps everything");
    const running = await startServer(config, logger, new ManualClock("2026-11-23T09:00:00Z"));
    await running.stop();
    const text = lines.join("");
    expect(text).toContain("starting");
    for (const s of ["xoxb-very-secret", "sign-very-secret", "pw-very-secret"]) expect(text).not.toContain(s);
  });
});
