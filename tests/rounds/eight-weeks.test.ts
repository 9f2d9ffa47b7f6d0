import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW } from "../../src/core/quiet-hours";
import { invitations, people, rounds } from "../../src/db/schema";
import { createSeries } from "../../src/rounds/series";
import { snooze } from "../../src/rounds/remind";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "leder@fjord.example,Live Leder,Fjord AS,Fjord AS,hr,,,,",
  "ola@fjord.example,Ola Oslo,Fjord AS > Drift,,,,,,",
  "kari@fjord.example,Kari Svarer,Fjord AS > Drift,,,,,,",
  "sam@fjord.example,Sam York,Fjord AS > Salg,,,,,en,America/New_York",
]);

/** Wall-clock time in a zone, as an ISO instant: independent of the code under test. */
const at = (local: string, zone = "Europe/Oslo") =>
  DateTime.fromISO(local, { zone }).toUTC().toISO({ suppressMilliseconds: true });
const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");

describe("a weekly pulse over eight weeks across the October DST change", () => {
  it("opens, reminds and closes on Oslo wall-clock time, and holds New York's messages to New York's working hours", async () => {
    const w = world({ start: "2026-09-27T12:00:00Z", org: ORG });
    const personId = (email: string) =>
      w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
    const [ola, kari, sam] = ["ola@fjord.example", "kari@fjord.example", "sam@fjord.example"].map(personId) as [
      string,
      string,
      string,
    ];

    // Mondays 09:00 Oslo, open 5 days, reminders after 1, 3 and 4 days.
    const { next } = createSeries(
      w.db,
      {
        name: "Ukepuls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 * * 1",
        openDays: 5,
        reminderDays: [1, 3, 4],
        window: DEFAULT_WINDOW,
      },
      w.clock.now(),
    );
    expect(next.map(iso)).toEqual([at("2026-09-28T09:00"), at("2026-10-05T09:00"), at("2026-10-12T09:00")]);

    // Kari answers each round as soon as she is invited (as the bot would record it), so she is never reminded.
    w.sender.deliveries.length = 0;
    const mondays = Array.from({ length: 8 }, (_, i) =>
      DateTime.fromISO("2026-09-28T09:00", { zone: "Europe/Oslo" }).plus({ weeks: i }),
    );
    for (const monday of mondays) {
      await w.runUntil(monday.plus({ minutes: 1 }).toJSDate());
      const open = w.db.select().from(rounds).where(eq(rounds.status, "open")).get()!;
      w.db
        .update(invitations)
        .set({ completed: true })
        .where(and(eq(invitations.roundId, open.id), eq(invitations.personId, kari)))
        .run();
      if (monday.weekNumber === 44) snooze(w.db, open.id, ola, w.clock.now()); // Ola: "remind me tomorrow" on the DST week
    }
    await w.runUntil("2026-11-22T12:00:00Z");

    const all = w.db
      .select()
      .from(rounds)
      .all()
      .filter((r) => r.status !== "scheduled")
      .sort((a, b) => a.number! - b.number!);
    expect(all).toHaveLength(8);
    all.forEach((r, i) => {
      const monday = mondays[i]!;
      expect(iso(r.openedAt!), `round ${i + 1} opened`).toBe(at(monday.toISO()!.slice(0, 16)));
      expect(iso(r.closedAt!), `round ${i + 1} closed`).toBe(at(monday.plus({ days: 5 }).toISO()!.slice(0, 16)));
      expect(r.status).toBe("closed");
    });
    // Across the change the UTC hour moves, the Oslo hour does not.
    expect(iso(all[3]!.openedAt!)).toBe("2026-10-19T07:00:00Z");
    expect(iso(all[4]!.openedAt!)).toBe("2026-10-26T08:00:00Z");
    expect(w.closed).toEqual(all.map((r) => r.id));

    const times = (personId: string, kind: string) =>
      w.sender
        .to(personId)
        .filter((d) => d.kind === kind)
        .map((d) => iso(d.at));

    // Ola (Oslo): invited at opening, reminded Tuesday, Thursday and Friday at 09:00 local.
    const olaExpected = mondays.flatMap((m) => [m, m.plus({ days: 1 }), m.plus({ days: 3 }), m.plus({ days: 4 })]);
    expect(times(ola, "invite")).toEqual(mondays.map((m) => at(m.toISO()!.slice(0, 16))));
    const olaReminders = times(ola, "remind");
    // In week 44 (the DST week) Ola snoozed on Monday: his first reminder moved to Tuesday 08:00, and the
    // Tuesday 09:00 round reminder skipped him; Thursday and Friday came as usual.
    const week44 = mondays.findIndex((m) => m.weekNumber === 44);
    const expectedReminders = mondays.flatMap((m, i) =>
      i === week44
        ? [
            at(`${m.plus({ days: 1 }).toISO()!.slice(0, 10)}T08:00`),
            at(m.plus({ days: 3 }).toISO()!.slice(0, 16)),
            at(m.plus({ days: 4 }).toISO()!.slice(0, 16)),
          ]
        : [1, 3, 4].map((d) => at(m.plus({ days: d }).toISO()!.slice(0, 16))),
    );
    expect(olaReminders).toEqual(expectedReminders);
    expect(olaExpected.length).toBe(32);

    // Kari answered: invitations only, never a reminder.
    expect(times(kari, "invite")).toHaveLength(8);
    expect(times(kari, "remind")).toEqual([]);

    // Sam (New York): 09:00 Oslo is 03:00 in New York, so everything waits for 08:00 New York time,
    // which is 12:00Z in summer time and 13:00Z after the US change on 1 November.
    const ny = (d: DateTime, days = 0) =>
      at(`${d.setZone("America/New_York").plus({ days }).toISODate()}T08:00`, "America/New_York");
    expect(times(sam, "invite")).toEqual(mondays.map((m) => ny(m)));
    expect(times(sam, "invite")[0]).toBe("2026-09-28T12:00:00Z");
    expect(times(sam, "invite")[6]).toBe("2026-11-09T13:00:00Z");
    expect(times(sam, "remind")).toEqual(mondays.flatMap((m) => [1, 3, 4].map((d) => ny(m, d))));
    // Sam never answered: at each close his invitation and reminders are rewritten to say so, in place,
    // which notifies nobody and so need not wait for his working hours.
    const closedNotices = w.sender.to(sam).filter((d) => d.kind === "closed");
    expect(closedNotices.length).toBe(times(sam, "invite").length + times(sam, "remind").length);
    expect(closedNotices.every((d) => d.replaces !== null)).toBe(true);
    for (const d of w.sender.to(sam).filter((x) => x.replaces === null)) {
      const local = DateTime.fromJSDate(d.at, { zone: "America/New_York" });
      expect(local.hour).toBeGreaterThanOrEqual(8);
      expect(local.hour).toBeLessThan(17);
      expect(local.weekday).toBeLessThanOrEqual(5);
    }

    // Nothing is sent twice.
    const keys = w.sender.deliveries.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
