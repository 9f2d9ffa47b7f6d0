import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PulsenError } from "../src/core/errors";
import { createLogger } from "../src/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (c, _e, done) => done(void lines.push(JSON.parse(String(c)))) });
  const logger = createLogger("info", sink);
  return { logger, lines };
}

describe("logged errors", () => {
  it("keep their stack and their cause's, and nothing an SDK hung on them", () => {
    const { logger, lines } = capture();
    const request = { headers: { Authorization: "Bearer s3cret" } };
    const sdk = Object.assign(new Error("socket hang up"), { code: "ECONNRESET", config: request });
    logger.error({ err: new PulsenError("internal", "send failed", [], { cause: sdk }) }, "tick failed");
    const err = lines[0]!.err as Record<string, unknown>;
    expect(Object.keys(err).sort()).toEqual(["code", "message", "stack", "type"]);
    expect(err).toMatchObject({ type: "PulsenError", code: "internal", message: "send failed: socket hang up" });
    expect(err.stack).toContain("caused by: Error: socket hang up");
    expect(JSON.stringify(lines)).not.toContain("s3cret");
  });

  it("never carry a failed query's bound values: on a tap those are answers and comments", () => {
    const { logger, lines } = capture();
    const failed = new DrizzleQueryError("insert into comments (round_id, text) values (?, ?)", [
      "r_1",
      "Sjefen min hører ikke etter",
    ]);
    logger.warn({ err: new PulsenError("internal", "tap not stored", [], { cause: failed }) }, "tap failed");
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain("hører ikke");
    expect(line).toContain("insert into comments");
    expect(line).toContain("params: [redacted]");
  });

  it("log a thrown non-error as it is", () => {
    const { logger, lines } = capture();
    logger.warn({ err: "just a string" }, "odd");
    expect(lines[0]!.err).toBe("just a string");
  });
});
