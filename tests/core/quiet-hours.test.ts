import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW, nextAllowed, parseWindow } from "../../src/core/quiet-hours";

const at = (iso: string) => new Date(iso);

describe("send window", () => {
  it("lets a message through inside the window", () => {
    // Tuesday 10:00 in Oslo (UTC+1 in November)
    expect(nextAllowed(at("2026-11-24T09:00:00Z"), "Europe/Oslo", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-11-24T09:00:00.000Z",
    );
  });

  it("holds an early message until 08:00 local time", () => {
    expect(nextAllowed(at("2026-11-24T05:30:00Z"), "Europe/Oslo", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-11-24T07:00:00.000Z",
    );
  });

  it("holds a Friday evening message until Monday morning", () => {
    expect(nextAllowed(at("2026-11-27T17:00:00Z"), "Europe/Oslo", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-11-30T07:00:00.000Z",
    );
  });

  it("uses the recipient's own zone: 09:00 in Oslo is 03:00 in New York", () => {
    expect(nextAllowed(at("2026-11-24T08:00:00Z"), "America/New_York", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-11-24T13:00:00.000Z",
    );
  });

  it("keeps 08:00 local across the October DST change", () => {
    // Saturday 24 Oct 2026, summer time; the next weekday is Monday 26 Oct, winter time.
    expect(nextAllowed(at("2026-10-24T10:00:00Z"), "Europe/Oslo", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-10-26T07:00:00.000Z",
    );
    expect(nextAllowed(at("2026-10-23T04:00:00Z"), "Europe/Oslo", DEFAULT_WINDOW).toISOString()).toBe(
      "2026-10-23T06:00:00.000Z",
    );
  });

  it("parses HH:MM-HH:MM and none, refusing nonsense", () => {
    expect(parseWindow("07:30-16:00", true)).toEqual({ start: 450, end: 960, weekdaysOnly: true });
    expect(parseWindow("none", false)).toEqual({ start: 0, end: 1440, weekdaysOnly: false });
    expect(parseWindow("17:00-08:00", true)).toBeNull();
    expect(parseWindow("25:00-26:00", true)).toBeNull();
    expect(parseWindow("8-17", true)).toBeNull();
  });
});
