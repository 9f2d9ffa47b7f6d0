import { describe, expect, it } from "vitest";
import { cadenceOfSchedule, scheduleOfCadence } from "../../src/core/cadence";

describe("the form's schedule and the cron expression", () => {
  it.each([
    [{ every: "week", weekday: 1, time: "09:00" }, "0 9 * * 1"],
    [{ every: "week", weekday: 7, time: "23:59" }, "59 23 * * 0"],
    [{ every: "month", weekday: 3, time: "08:30" }, "30 8 * * 3#1"],
  ] as const)("%j is written as %s and read back", (schedule, cron) => {
    expect(cadenceOfSchedule(schedule)).toBe(cron);
    expect(scheduleOfCadence(cron)).toEqual(schedule);
  });

  it.each(["0 9 1 * *", "0 9 * * 1-5", "*/15 * * * *", "0 9 * * MON", "0 25 * * 1", "0 9 * 6 1", "0 9 * * 1#2"])(
    "reads %s as nothing the form can say",
    (cron) => {
      expect(scheduleOfCadence(cron)).toBeNull();
    },
  );
});
