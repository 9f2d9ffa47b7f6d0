import { describe, expect, it } from "vitest";
import { COMMAND_WORDS, parseCommand } from "../../src/bot/commands";

describe("the command parser", () => {
  it("reads every word in nb, nn and en, in any case", () => {
    for (const [kind, words] of Object.entries(COMMAND_WORDS)) {
      for (const w of words) expect(parseCommand(w.toUpperCase()).kind, w).toBe(kind);
    }
  });

  it("drops /pulsen, a Teams mention and a leading 'Pulsen,' before the word", () => {
    expect(parseCommand("/pulsen status").kind).toBe("status");
    expect(parseCommand("<at>Pulsen</at> resultater").kind).toBe("results");
    expect(parseCommand("Pulsen, oversikt").kind).toBe("dashboard");
    expect(parseCommand("  ").kind).toBe("help");
    expect(parseCommand("/pulsen").kind).toBe("help");
  });

  it("does not take a word that only starts like a command", () => {
    expect(parseCommand("statusrapport")).toEqual({ kind: "unknown", word: "statusrapport" });
    expect(parseCommand("pulsenstatus").kind).toBe("unknown");
  });

  it("reads Slack's escaped channel and an optional unit after it", () => {
    expect(parseCommand("kanal <#C0DRIFT01|drift> Org > Drift")).toEqual({
      kind: "channel",
      mention: { channel: "C0DRIFT01", label: "#drift" },
      unit: "Org > Drift",
    });
    expect(parseCommand("channel <#G0PRIVATE1>")).toMatchObject({
      mention: { channel: "G0PRIVATE1", label: "#G0PRIVATE1" },
    });
    expect(parseCommand("channel Org > Drift")).toEqual({ kind: "channel", mention: null, unit: "Org > Drift" });
  });
});
