import { describe, expect, it } from "vitest";
import { formatId, ID_PREFIX, type IdKind, idPattern, idSchema } from "../../src/core/ids";

describe("ids", () => {
  it("match their own kind's pattern and no other's", () => {
    const kinds = Object.keys(ID_PREFIX) as IdKind[];
    for (const kind of kinds) {
      const id = formatId(
        kind,
        new Uint8Array(16).map((_, i) => i * 7),
      );
      for (const other of kinds) expect(idPattern(other).test(id)).toBe(other === kind);
    }
  });

  it("are checked at the edge with a message that names the kind", () => {
    expect(idSchema("round").safeParse("r_0123abcd").success).toBe(true);
    const r = idSchema("round").safeParse("u_0123abcd");
    expect(r.success ? null : r.error.issues[0]?.message).toBe("is not a round id");
    expect(idSchema("unit").safeParse("u_../../etc").success).toBe(false);
  });
});
