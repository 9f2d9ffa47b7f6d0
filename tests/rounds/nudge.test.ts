import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import { ALWAYS } from "../../src/core/quiet-hours";
import { invitations, people, responses } from "../../src/db/schema";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  "lead.b@org.example,Leder B,Org > B,Org > B,,,,,",
  ...Array.from({ length: 5 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 3 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
]);

describe("the halfway nudge", () => {
  it("reaches only leaders of units under half, once, with counts and no names", async () => {
    const w = world({ start: "2026-11-23T09:00:00Z", org: ORG });
    const { id } = createSeries(w.db, { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *", openDays: 6, reminderDays: [], window: { ...ALWAYS } }, w.clock.now());
    const roundId = w.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }));
    const pid = (email: string) => w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
    // B: 3 of 4 have answered; A: 1 of 6. Answered means a response is stored (anonymously, under the unit).
    for (const [n, e] of ["b0@org.example", "b1@org.example", "b2@org.example", "a0@org.example"].entries()) {
      w.db.update(invitations).set({ completed: true }).where(and(eq(invitations.roundId, roundId), eq(invitations.personId, pid(e)))).run();
      const unitId = w.db.select({ u: people.unitId }).from(people).where(eq(people.id, pid(e))).get()!.u;
      w.db.insert(responses).values({ id: 900 + n, roundId, unitId }).run();
    }
    await w.runUntil("2026-11-26T10:00:00Z");
    const nudges = w.sender.deliveries.filter((d) => d.kind === "nudge");
    expect(nudges.map((d) => d.to)).toEqual([pid("lead.a@org.example")]);
    expect(nudges[0]!.at.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    const text = JSON.stringify(new SurveyBot(w.db, w.clock, 5, w.logger).compose({ kind: "nudge", roundId, unitId: w.db.select({ u: people.unitId }).from(people).where(eq(people.email, "a0@org.example")).get()!.u }, pid("lead.a@org.example")));
    expect(text).toContain("I Org > A har 1 av 6 svart så langt (17 %)");
    expect(text).not.toMatch(/A 0|a0@/);
  });
});
