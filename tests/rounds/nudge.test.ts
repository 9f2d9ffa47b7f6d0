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
    const { id } = createSeries(
      w.db,
      {
        name: "Puls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 6,
        reminderDays: [],
        window: { ...ALWAYS },
      },
      w.clock.now(),
    );
    const roundId = w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const pid = (email: string) => w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
    // B: 3 of 4 have answered; A: 1 of 6. Answered means a response is stored (anonymously, under the unit).
    for (const [n, e] of ["b0@org.example", "b1@org.example", "b2@org.example", "a0@org.example"].entries()) {
      w.db
        .update(invitations)
        .set({ completed: true })
        .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, pid(e))))
        .run();
      const unitId = w.db
        .select({ u: people.unitId })
        .from(people)
        .where(eq(people.id, pid(e)))
        .get()!.u;
      w.db
        .insert(responses)
        .values({ id: 900 + n, roundId, unitId })
        .run();
    }
    await w.runUntil("2026-11-26T10:00:00Z");
    const nudges = w.sender.deliveries.filter((d) => d.kind === "nudge");
    // B has only four invited: too few to show alone while open, so its leader hears about Org, where B is
    // counted (4 of 10, under half).
    expect(nudges.map((d) => d.to).sort()).toEqual([pid("lead.a@org.example"), pid("lead.b@org.example")].sort());
    const unitOf = (email: string) =>
      w.db.select({ u: people.unitId }).from(people).where(eq(people.email, email)).get()!.u;
    const forB = JSON.stringify(
      new SurveyBot(w.db, w.clock, 5, w.logger).compose(
        { kind: "nudge", roundId, unitId: unitOf("b0@org.example") },
        pid("lead.b@org.example"),
      ),
    );
    expect(forB).toContain("I Org (der Org > B telles med) har 4 av 10 svart så langt (40 %)");
    expect(forB).not.toMatch(/3 av 4/);
    expect(nudges[0]!.at.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    const text = JSON.stringify(
      new SurveyBot(w.db, w.clock, 5, w.logger).compose(
        {
          kind: "nudge",
          roundId,
          unitId: w.db.select({ u: people.unitId }).from(people).where(eq(people.email, "a0@org.example")).get()!.u,
        },
        pid("lead.a@org.example"),
      ),
    );
    // A (6) would be shown, but then Org − A would be B's four: A is counted in Org as well.
    expect(text).toContain("I Org (der Org > A telles med) har 4 av 10 svart så langt (40 %)");
    expect(text).not.toMatch(/A 0|a0@/);
  });
});
