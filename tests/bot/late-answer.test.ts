import { describe, expect, it } from "vitest";
import { answerWindow } from "../../src/core/round";
import { lateAnswerReply } from "../../src/bot/late-answer";

const round = { status: "open" as const, closesAt: new Date("2026-11-28T08:00:00Z"), closedAt: null };

describe("an answer after the close", () => {
  it("is accepted while the round is open", () => {
    expect(answerWindow(round, new Date("2026-11-28T07:59:59Z"))).toEqual({ open: true });
    expect(lateAnswerReply(answerWindow(round, new Date("2026-11-28T07:59:59Z")), "nb", "Europe/Oslo")).toBeNull();
  });

  it("is refused at the deadline even before the close job has run, with the date in the person's language", () => {
    const w = answerWindow(round, new Date("2026-11-28T08:00:00Z"));
    expect(w).toEqual({ open: false, why: "closed", closedAt: round.closesAt });
    expect(lateAnswerReply(w, "nb", "Europe/Oslo")).toContain("avsluttet 28. november 2026");
    expect(lateAnswerReply(w, "nn", "Europe/Oslo")).toContain("avslutta 28. november 2026");
    expect(lateAnswerReply(w, "en", "America/New_York")).toContain("closed on 28 November 2026");
  });

  it("names the day the round was closed early", () => {
    const closed = { status: "closed" as const, closesAt: round.closesAt, closedAt: new Date("2026-11-25T12:00:00Z") };
    expect(lateAnswerReply(answerWindow(closed, new Date("2026-11-26T12:00:00Z")), "en", "Europe/Oslo")).toContain(
      "closed on 25 November 2026",
    );
  });
});
