import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW } from "../../src/core/quiet-hours";
import type { SeriesId } from "../../src/core/ids";
import { jobs, rounds, series } from "../../src/db/schema";
import { createSeries, editSeries, pauseSeries, resumeSeries } from "../../src/rounds/series";
import { SMALL_ORG } from "../helpers/csv";
import { world } from "../helpers/world";

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");

/** Monday 23 November 2026, 10:00 in Oslo; a weekly series on Mondays at 09:00 there. */
function weekly() {
  const w = world({ start: "2026-11-23T09:00:00Z", org: SMALL_ORG });
  const { id } = createSeries(
    w.db,
    {
      name: "Ukepuls",
      instrumentId: "quick-pulse",
      audience: "Seljord kommune > Helse og omsorg",
      cadence: "0 9 * * 1",
      openDays: 5,
      reminderDays: [2],
      window: DEFAULT_WINDOW,
    },
    w.clock.now(),
  );
  const pendingOpens = () =>
    w.db
      .select({ dueAt: jobs.dueAt, payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.kind, "round.open"), eq(jobs.status, "pending")))
      .all()
      .map((j) => ({ dueAt: iso(j.dueAt), roundId: (j.payload as { roundId: string }).roundId }));
  const scheduled = () =>
    w.db
      .select({ id: rounds.id, at: rounds.scheduledFor, instrument: rounds.instrumentId })
      .from(rounds)
      .where(and(eq(rounds.seriesId, id), eq(rounds.status, "scheduled")))
      .all()
      .map((r) => ({ id: r.id, at: r.at && iso(r.at), instrument: r.instrument }));
  /** Everything an edit could touch, to compare before and after. */
  const state = () => ({
    series: w.db.select().from(series).where(eq(series.id, id)).get(),
    rounds: w.db.select().from(rounds).all(),
    jobs: w.db.select().from(jobs).all(),
  });
  return { w, id: id as SeriesId, pendingOpens, scheduled, state };
}

describe("editing a series", () => {
  it("moves the next runs and the pending open job to the new cadence", async () => {
    const { w, id, pendingOpens, scheduled } = weekly();
    expect(pendingOpens().map((j) => j.dueAt)).toEqual(["2026-11-30T08:00:00Z"]);

    // Wednesdays at 08:30 in Oslo from now on.
    const edited = editSeries(w.db, id, { cadence: "30 8 * * 3" }, w.clock.now());
    expect(edited.changed).toEqual(["cadence"]);
    expect(edited.next.map(iso)).toEqual(["2026-11-25T07:30:00Z", "2026-12-02T07:30:00Z", "2026-12-09T07:30:00Z"]);
    // One upcoming occurrence, at the new time, and one job that opens exactly it.
    const [next] = scheduled();
    expect(scheduled()).toEqual([{ id: next!.id, at: "2026-11-25T07:30:00Z", instrument: "quick-pulse" }]);
    expect(pendingOpens()).toEqual([{ dueAt: "2026-11-25T07:30:00Z", roundId: next!.id }]);

    // The scheduler opens it then, and not on Monday.
    await w.runUntil("2026-11-25T07:31:00Z");
    const opened = w.db.select().from(rounds).where(eq(rounds.status, "open")).get();
    expect(opened).toMatchObject({ id: next!.id, openedAt: new Date("2026-11-25T07:30:00Z") });
    expect(pendingOpens().map((j) => j.dueAt)).toEqual(["2026-12-02T07:30:00Z"]);
  });

  it("leaves a round that is already open as it was opened: close, statements, plan and jobs", async () => {
    const { w, id, scheduled } = weekly();
    await w.runUntil("2026-11-30T08:01:00Z");
    const open = w.db.select().from(rounds).where(eq(rounds.status, "open")).get()!;
    const itsJobs = () =>
      w.db
        .select()
        .from(jobs)
        .all()
        .filter((j) => (j.payload as { roundId?: string }).roundId === open.id);
    const jobsBefore = itsJobs();
    expect(jobsBefore.map((j) => j.kind).sort()).toEqual(["round.close", "round.nudge", "round.open", "round.remind"]);

    const edited = editSeries(
      w.db,
      id,
      { name: "Ny puls", instrumentId: "engagement-pulse", openDays: 3, reminderDays: [1, 2] },
      w.clock.now(),
    );
    expect(edited.changed).toEqual(["name", "instrument", "openDays", "reminderDays", "maxReminders"]);
    expect(w.db.select().from(rounds).where(eq(rounds.id, open.id)).get()).toEqual(open);
    expect(open).toMatchObject({
      instrumentId: "quick-pulse",
      closesAt: new Date("2026-12-05T08:00:00Z"),
      plan: { openDays: 5, reminderDays: [2], maxReminders: 1 },
    });
    expect(itsJobs()).toEqual(jobsBefore);
    // The next round is the changed series'.
    expect(scheduled()).toEqual([
      { id: expect.any(String), at: "2026-12-07T08:00:00Z", instrument: "engagement-pulse" },
    ]);
    expect(w.db.select().from(series).where(eq(series.id, id)).get()).toMatchObject({
      name: "Ny puls",
      instrumentId: "engagement-pulse",
      openDays: 3,
      reminderDays: [1, 2],
      // One per reminder day, as it was when no maximum was given.
      maxReminders: 2,
    });
  });

  it("refuses to bring the next round forward into an open one, which would close it early", async () => {
    const { w, id, state } = weekly();
    await w.runUntil("2026-11-30T08:01:00Z");
    const before = state();
    // Wednesday 2 December comes before the open round's close on Saturday 5 December.
    expect(() => editSeries(w.db, id, { cadence: "0 9 * * 3", openDays: 1, reminderDays: [] }, w.clock.now())).toThrow(
      /^the next round would open 2026-12-02 09:00 and close the open round r_\w+ before it ends \(2026-12-05 09:00\)/,
    );
    expect(state()).toEqual(before);
  });

  it("keeps a paused series paused, with nothing on the calendar, until it is resumed", () => {
    const { w, id, pendingOpens, scheduled } = weekly();
    pauseSeries(w.db, id);
    const edited = editSeries(w.db, id, { cadence: "30 8 * * 3" }, w.clock.now());
    expect(edited).toEqual({ next: [], changed: ["cadence"] });
    expect(w.db.select({ status: series.status }).from(series).where(eq(series.id, id)).get()).toEqual({
      status: "paused",
    });
    expect(scheduled()).toEqual([]);
    expect(pendingOpens()).toEqual([]);
    expect(iso(resumeSeries(w.db, id, w.clock.now())!)).toBe("2026-11-25T07:30:00Z");
  });

  it.each([
    [{ openDays: 10 }, "input_invalid", /^open-days: a round open 10 days would overlap the next one/],
    [{ audience: "Seljord kommune > Nowhere" }, "not_found", /^audience: no unit "Seljord kommune > Nowhere"/],
    [{ reminderDays: [2, 9] }, "input_invalid", /^reminders: day 9 is outside the open window \(1 to 4\)/],
    [{ cadence: "every monday" }, "input_invalid", /^cadence: "every monday" must have 5 fields/],
    [{ instrumentId: "nope" }, "not_found", /^no instrument "nope"/],
  ])("refuses %j and changes nothing", (changes, code, message) => {
    const { w, id, state } = weekly();
    const before = state();
    let thrown: unknown;
    try {
      editSeries(w.db, id, { name: "Skal ikke lagres", ...changes }, w.clock.now());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(state()).toEqual(before);
  });

  it("changes nothing, and says so, when nothing differs", () => {
    const { w, id, state } = weekly();
    const before = state();
    const edited = editSeries(w.db, id, { name: "Ukepuls", cadence: "0 9 * * 1" }, w.clock.now());
    expect(edited.changed).toEqual([]);
    expect(edited.next.map(iso)[0]).toBe("2026-11-30T08:00:00Z");
    expect(state()).toEqual(before);
  });
});
