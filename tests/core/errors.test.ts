import { describe, expect, it } from "vitest";
import { PulsenError } from "../../src/core/errors";

describe("PulsenError", () => {
  it("keeps the error it wraps as its cause", () => {
    const inner = Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    const e = new PulsenError("not_found", "cannot read org.csv: ENOENT", [], { cause: inner });
    expect(e.cause).toBe(inner);
    expect(e).toMatchObject({ code: "not_found", message: "cannot read org.csv: ENOENT", details: [] });
  });

  it("has no cause when it wraps nothing", () => {
    expect("cause" in new PulsenError("conflict", "already open")).toBe(false);
  });
});
