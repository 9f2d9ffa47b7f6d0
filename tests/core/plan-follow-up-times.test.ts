import { describe, expect, it } from "vitest";
import { followUpTimes, nextMonthlyNote } from "../../src/core/plan";

const ZONE = "Europe/Oslo";
const days = (deadline: string, now: string) =>
  followUpTimes(new Date(deadline), new Date(now), ZONE).map((t) => `${t.step.step}@${t.at.toISOString()}`);

describe("when a measure is followed up", () => {
  it("is a week and a day before, on the day and the day after, at the same local time across daylight saving", () => {
    // Wednesday 1 April 2026, 09:00 in Oslo (summer time); a week before is still winter time.
    expect(days("2026-04-01T07:00:00Z", "2026-03-01T09:00:00Z")).toEqual([
      "remind@2026-03-25T08:00:00.000Z",
      "remind@2026-03-31T07:00:00.000Z",
      "ask@2026-04-01T07:00:00.000Z",
      "escalate@2026-04-02T07:00:00.000Z",
    ]);
  });

  it("moves a reminder that falls on a weekend to the Friday before, and drops one already past", () => {
    // Monday 7 December 2026: the day before is a Sunday.
    expect(days("2026-12-07T08:00:00Z", "2026-12-01T08:00:00Z")).toEqual([
      "remind@2026-12-04T08:00:00.000Z",
      "ask@2026-12-07T08:00:00.000Z",
      "escalate@2026-12-08T08:00:00.000Z",
    ]);
  });

  it("sends the monthly note on the first of next month at 09:00, counting months in the organization's zone", () => {
    // 00:30 on New Year's Day in Oslo, still 31 December in UTC.
    expect(nextMonthlyNote(new Date("2026-12-31T23:30:00Z"), ZONE)).toEqual({
      at: new Date("2027-02-01T08:00:00.000Z"),
      month: "2027-02",
    });
    expect(nextMonthlyNote(new Date("2026-12-31T22:30:00Z"), ZONE).month).toBe("2027-01");
  });
});
