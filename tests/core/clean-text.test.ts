import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/core/clean-text";

describe("stored texts", () => {
  it("lose NUL, C0 and C1 controls and every bidi mark, override and isolate", () => {
    expect(cleanText("\u202Eabc\u0000")).toBe("abc");
    const bidi = ["\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E"];
    const isolates = ["\u2066", "\u2067", "\u2068", "\u2069"];
    const controls = ["\u0001", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B"];
    expect(cleanText(`K${[...bidi, ...isolates, ...controls].join("")}ari`)).toBe("Kari");
  });

  it("keep newlines and tabs only where the text may have several lines", () => {
    expect(cleanText("a\tb\r\nc\rd", { multiline: true })).toBe("a\tb\nc\nd");
    expect(cleanText("a\tb\r\nc")).toBe("a b  c");
  });

  it("keep letters, emoji and the joiners emoji need", () => {
    const text = "Åse Sæther 👩‍👩‍👧 مرحبا שלום";
    expect(cleanText(text)).toBe(text);
    expect(cleanText(text, { multiline: true })).toBe(text);
  });
});
