import { describe, expect, it } from "vitest";
import { PulsenError } from "../../src/core/errors";
import type { Problem } from "../../src/core/problem";
import { sayError, sayProblem } from "../../src/core/problem-text";

describe("problems said in the reader's language", () => {
  it("says a refusal in bokmål, nynorsk and English, with dates as each writes them", () => {
    const p: Problem = { kind: "extend_into_next_round", nextOpens: "2026-12-07" };
    expect(sayProblem(p, "nb")).toMatch(/^Seriens neste runde åpner 7\. desember 2026/);
    expect(sayProblem(p, "nn")).toMatch(/^Neste runde i serien opnar 7\. desember 2026/);
    expect(sayProblem(p, "en")).toBe(
      "the series' next round opens 2026-12-07 and would close this one; extend to before then",
    );
  });

  it("keeps English for the CLI and the log, and says a file's lines in the reader's words", () => {
    const lines = [{ line: 4, problem: { kind: "email_invalid", value: "ola@" } as const }];
    const err = new PulsenError("input_invalid", { kind: "file_has_errors", count: 3 }, [], { lines, omitted: 2 });
    expect(err.message).toBe("the file has 3 errors; nothing was imported");
    expect(err.details).toEqual(['line 4: email "ola@" is not a valid email address', "… and 2 more"]);
    expect(sayError(err, "nn")).toEqual({
      message: "Fila har 3 feil; ingenting vart importert.",
      details: ["linje 4: e-postadressa «ola@» er ikkje gyldig", "… og 2 til"],
    });
  });

  it("never shows an operator's English message to a Norwegian reader", () => {
    const err = new PulsenError("forbidden", "the Teams sign-in token names no tenant");
    expect(sayError(err, "nb").message).toBe("Du har ikke tilgang til dette.");
    expect(sayError(err, "en").message).toBe("the Teams sign-in token names no tenant");
  });
});
