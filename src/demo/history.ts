import { eq } from "drizzle-orm";
import { storeAnonymously } from "../db/answer-store";
import type { Db } from "../db/open";
import { draftAnswers, drafts, invitations, rounds, unitLeaders } from "../db/schema";
import { addMeasure, ensurePlan, setFocusAreas } from "../plans/plans";
import { closeRound } from "../rounds/close";
import { openRound } from "../rounds/open";
import { getSeries } from "../rounds/series";
import { rng } from "./synthetic-org";

const DAY = 86_400_000;
const COMMENTS = [
  "Godt samarbeid i teamet, men for mange møter.",
  "Savner tydeligere prioriteringer fra ledelsen.",
  "Fint at vi snakker om resultatene sammen.",
  "Travle uker før jul – vanskelig å få tid til opplæring.",
];

/**
 * Past rounds for the demo, so the dashboard has results and trends to show
 * on first start: each was opened, answered through the same draft → anonymous
 * path the bot uses (by about 92 % of those invited, synthetic answers: 30+ in the organization, so the driver
 * analysis shows), and closed. Three rounds, so the trend charts have a line to draw.
 */
export function seedDemoHistory(db: Db, seriesId: string, now: Date, roundsBack = 3, seed = 11): string[] {
  const random = rng(seed);
  const made: string[] = [];
  // Some statements fare better than others, the same way every round.
  const itemLean = new Map<string, number>();
  for (let back = roundsBack; back >= 1; back--) {
    const openedAt = new Date(now.getTime() - back * 28 * DAY - 14 * DAY);
    const id = db.transaction((tx) => {
      const roundId = openRound(tx, getSeries(tx, seriesId), null, openedAt, { platforms: new Set(["webchat"]) });
      const itemIds =
        tx.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, roundId)).get()?.itemIds ?? [];
      const invited = tx
        .select({ personId: invitations.personId, unitId: invitations.unitId })
        .from(invitations)
        .where(eq(invitations.roundId, roundId))
        .all();
      // Each unit leans its own way, and a little better each round, so the heatmap and trends have something to say.
      const lean = new Map<string, number>();
      for (const i of itemIds) if (!itemLean.has(i)) itemLean.set(i, (random() - 0.5) * 1.4);
      for (const inv of invited) {
        if (random() > 0.92) continue;
        if (!lean.has(inv.unitId)) lean.set(inv.unitId, 2.6 + random() * 1.6);
        const base = (lean.get(inv.unitId) ?? 3.5) + (roundsBack - back) * 0.15;
        const comment = random() < 0.12 ? COMMENTS[Math.floor(random() * COMMENTS.length)] : null;
        tx.insert(drafts).values({ roundId, personId: inv.personId, comment }).run();
        // One insert per person: the demo is seeded while `npm start` starts, and every round adds to that.
        const answers = itemIds.map((itemId) => {
          const value =
            random() < 0.04
              ? null
              : Math.max(1, Math.min(5, Math.round(base + (itemLean.get(itemId) ?? 0) + (random() - 0.5) * 2.2)));
          return { roundId, personId: inv.personId, itemId, value };
        });
        if (answers.length > 0) tx.insert(draftAnswers).values(answers).run();
        storeAnonymously(tx, roundId, inv.personId, true);
      }
      closeRound(tx, roundId, new Date(openedAt.getTime() + 14 * DAY));
      return roundId;
    });
    made.push(id);
  }
  seedDemoPlan(db, made[made.length - 1], now);
  return made;
}

/**
 * An action plan on the newest closed round for the first led unit, so the
 * dashboard shows one and the open round asks its follow-up question.
 */
function seedDemoPlan(db: Db, roundId: string | undefined, now: Date): void {
  if (roundId === undefined) return;
  const led = db
    .select({ unitId: unitLeaders.unitId, personId: unitLeaders.personId })
    .from(unitLeaders)
    .orderBy(unitLeaders.unitId)
    .limit(1)
    .get();
  if (led === undefined) return;
  db.transaction((tx) => {
    const plan = ensurePlan(tx, roundId, led.unitId, led.personId, now);
    setFocusAreas(
      tx,
      plan,
      [
        { factorId: "change", kind: "improve" },
        { factorId: "engagement", kind: "preserve" },
      ],
      now,
    );
    addMeasure(
      tx,
      plan,
      {
        text: "Ta opp kommende endringer som fast punkt på teammøtet",
        responsibleId: led.personId,
        deadline: new Date(now.getTime() + 21 * DAY),
        factorId: "change",
      },
      led.personId,
      now,
    );
  });
}
