import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DigestComposer } from "../../src/bot/digest";
import { ALWAYS } from "../../src/core/quiet-hours";
import { answers, outbox, people, responses, unitLeaders, units } from "../../src/db/schema";
import { storeFactorMeans } from "../../src/db/answer-store";
import { closeRound } from "../../src/rounds/close";
import { queueDigests } from "../../src/rounds/digests";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  "lead.c@org.example,Leder C,Org > C,Org > C,,,,en,",
  ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 2 }, (_, i) => `c${i}@org.example,C ${i},Org > C,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
]);

describe("digests when a round closes", () => {
  it("give each leader their unit's results, explain a hidden unit without its count, and sum up for HR", () => {
    const w = world({ start: "2026-11-24T09:00:00Z", org: ORG });
    const { id } = createSeries(
      w.db,
      {
        name: "Puls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 7,
        reminderDays: [3],
        window: { ...ALWAYS },
      },
      w.clock.now(),
    );
    const roundId = w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const unit = (p: string) => w.db.select({ id: units.id }).from(units).where(eq(units.path, p)).get()!.id;
    let n = 1;
    const answer = (u: string, v: number) => {
      const rid = n++;
      w.db
        .insert(responses)
        .values({ id: rid, roundId, unitId: unit(u) })
        .run();
      const items = ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"];
      for (const item of items) w.db.insert(answers).values({ responseId: rid, itemId: item, value: v }).run();
      storeFactorMeans(w.db, roundId, rid, new Map(items.map((i) => [i, v])));
    };
    for (let i = 0; i < 6; i++) answer("Org > A", 4);
    answer("Org > C", 1);
    answer("Org > C", 2);
    for (let i = 0; i < 5; i++) answer("Org > B", 3);
    w.db.transaction((tx) => {
      closeRound(tx, roundId, w.clock.now());
      queueDigests(new Set(["webchat"]))(tx, roundId, w.clock.now());
    });
    const keys = w.db
      .select({ key: outbox.key })
      .from(outbox)
      .all()
      .map((o) => o.key)
      .filter((k) => k.includes("digest") || k.includes("hr-summary"));
    const person = (email: string) =>
      w.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
    expect(keys.sort()).toEqual(
      [
        `round:${roundId}:person:${person("lead.a@org.example")}:digest:${unit("Org > A")}`,
        `round:${roundId}:person:${person("lead.c@org.example")}:digest:${unit("Org > C")}`,
        `round:${roundId}:person:${person("hr@org.example")}:hr-summary`,
      ].sort(),
    );
    expect(w.db.select().from(unitLeaders).all()).toHaveLength(2);

    const composer = new DigestComposer(w.db, 5, "https://pulsen.example.no");
    const a = JSON.stringify(composer.unitDigest(roundId, unit("Org > A")));
    // A: its leader and six staff invited, six answered. Org − A − B leaves C (3 invited, 2 answered): B, the
    // smaller, is hidden, not A — while the round was open already, by those invited.
    expect(a).toContain("6 av 7 svarte (86 %).");
    // One factor: nothing to compare it with, so neither a strength nor an area to improve.
    expect(a).not.toMatch(/Styrker|Forbedringsområder/);
    // The way from results to an action plan, for a shown unit and a hidden one alike.
    expect(a).toContain(
      `{"type":"link","label":"Lag tiltaksplan","url":"https://pulsen.example.no/?round=${roundId}&unit=${unit("Org > A")}#plan"}`,
    );
    expect(JSON.stringify(composer.unitDigest(roundId, unit("Org > C"), "en"))).toContain(
      `"label":"Make an action plan","url":"https://pulsen.example.no/?round=${roundId}&unit=${unit("Org > C")}#plan"`,
    );
    expect(JSON.stringify(composer.unitDigest(roundId, unit("Org > B")))).toContain("vises ikke denne gangen");
    const c = composer.unitDigest(roundId, unit("Org > C"), "en")!;
    const cText = JSON.stringify(c);
    expect(cText).toContain("Results for Org > C are not shown this time");
    expect(cText).not.toMatch(/\b2\b of|answered \(/); // no response count for a hidden unit
    const hr = JSON.stringify(composer.hrSummary(roundId));
    expect(hr).toContain("Resultater for hele virksomheten: Puls");
    expect(hr).toContain("er skjult for å bevare anonymiteten");
  });
});
