import { sql } from "drizzle-orm";
import type { Instrument } from "../core/instrument";
import { type Counts, emptyCounts, itemsNeeded } from "../core/scoring";
import type { Store } from "../db/open";

/** A unit's own aggregates for one round (its sub-units not included): additive, so they roll up a tree. */
export interface UnitAggregate {
  invited: number;
  responses: number;
  /** itemId → counts of 1..5 (reverse-scored statements already flipped). */
  items: Map<string, Counts>;
  /** factorId → respondents with a factor score, and the sum of their factor means. */
  factors: Map<string, { respondents: number; meanSum: number }>;
}

export const emptyAggregate = (): UnitAggregate => ({ invited: 0, responses: 0, items: new Map(), factors: new Map() });

/**
 * Everything a round's reports need, computed by SQLite with GROUP BY: four
 * queries whatever the number of people, and rows per unit × statement, not
 * per answer.
 */
export function aggregateRound(store: Store, roundId: string, instrument: Instrument, itemIds: readonly string[]): Map<string, UnitAggregate> {
  const byUnit = new Map<string, UnitAggregate>();
  const unit = (id: string) => {
    let a = byUnit.get(id);
    if (a === undefined) {
      a = emptyAggregate();
      byUnit.set(id, a);
    }
    return a;
  };
  for (const r of store.all<{ unit: string; n: number }>(sql`select unit_id as unit, count(*) as n from invitations where round_id = ${roundId} group by unit_id`)) unit(r.unit).invited = r.n;
  for (const r of store.all<{ unit: string; n: number }>(sql`select unit_id as unit, count(*) as n from responses where round_id = ${roundId} group by unit_id`)) unit(r.unit).responses = r.n;

  const asked = new Set(itemIds);
  const rows = instrument.factors.flatMap((f) => {
    const items = f.items.filter((i) => asked.has(i.id));
    return items.map((i) => sql`(${i.id}, ${f.id}, ${i.reverse ? 1 : 0}, ${itemsNeeded(items.length)})`);
  });
  if (rows.length === 0) return byUnit;
  const map = sql`map(item_id, factor_id, rev, needed) as (values ${sql.join(rows, sql`, `)})`;

  const itemRows = store.all<{ unit: string; item: string; value: number; n: number }>(sql`
    with ${map}
    select r.unit_id as unit, a.item_id as item,
           case when m.rev = 1 then 6 - a.value else a.value end as value, count(*) as n
    from answers a join responses r on r.id = a.response_id join map m on m.item_id = a.item_id
    where r.round_id = ${roundId}
    group by r.unit_id, a.item_id, 3`);
  for (const r of itemRows) {
    const counts = unit(r.unit).items.get(r.item) ?? emptyCounts();
    counts[r.value - 1] = (counts[r.value - 1] ?? 0) + r.n;
    unit(r.unit).items.set(r.item, counts);
  }

  const factorRows = store.all<{ unit: string; factor: string; respondents: number; mean_sum: number }>(sql`
    with ${map},
    per_respondent as (
      select r.unit_id as unit, m.factor_id as factor, m.needed as needed, count(*) as answered,
             avg(case when m.rev = 1 then 6 - a.value else a.value end) as mean
      from answers a join responses r on r.id = a.response_id join map m on m.item_id = a.item_id
      where r.round_id = ${roundId}
      group by a.response_id, m.factor_id)
    select unit, factor, count(*) as respondents, sum(mean) as mean_sum
    from per_respondent where answered >= needed
    group by unit, factor`);
  for (const r of factorRows) unit(r.unit).factors.set(r.factor, { respondents: r.respondents, meanSum: r.mean_sum });
  return byUnit;
}

/** Adds b into a (for rolling sub-units up into their parent). */
export function mergeInto(a: UnitAggregate, b: UnitAggregate): void {
  a.invited += b.invited;
  a.responses += b.responses;
  for (const [item, counts] of b.items) {
    const mine = a.items.get(item) ?? emptyCounts();
    a.items.set(item, mine.map((v, i) => v + (counts[i] ?? 0)) as Counts);
  }
  for (const [factor, f] of b.factors) {
    const mine = a.factors.get(factor) ?? { respondents: 0, meanSum: 0 };
    a.factors.set(factor, { respondents: mine.respondents + f.respondents, meanSum: mine.meanSum + f.meanSum });
  }
}
