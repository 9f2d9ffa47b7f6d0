import { sql } from "drizzle-orm";
import type { Instrument } from "../core/instrument";
import { type Counts, emptyCounts } from "../core/scoring";
import type { Store } from "../db/open";

/** A unit's own aggregates for one round (its sub-units not included): additive, so they roll up a tree. */
export interface UnitAggregate {
  invited: number;
  responses: number;
  /** Responses sent by the person (not stored at the close): those who reached the comment step. */
  finished: number;
  /** itemId → counts of 1..5 (reverse-scored statements already flipped). */
  items: Map<string, Counts>;
  /** factorId → respondents with a factor score, and the sum of their factor means. */
  factors: Map<string, { respondents: number; meanSum: number }>;
}

export const emptyAggregate = (): UnitAggregate => ({
  invited: 0,
  responses: 0,
  finished: 0,
  items: new Map(),
  factors: new Map(),
});

/**
 * Everything a round's reports need, computed by SQLite with GROUP BY: four
 * queries whatever the number of people, returning rows per unit × statement
 * and unit × factor, never per answer. Respondents' factor means were stored
 * with their response (response_factors).
 */
export function aggregateRound(
  store: Store,
  roundId: string,
  instrument: Instrument,
  itemIds: readonly string[],
): Map<string, UnitAggregate> {
  const byUnit = new Map<string, UnitAggregate>();
  const unit = (id: string) => {
    let a = byUnit.get(id);
    if (a === undefined) {
      a = emptyAggregate();
      byUnit.set(id, a);
    }
    return a;
  };
  for (const r of store.all<{ unit: string; n: number }>(sql`
    select unit, sum(n) as n from (
      select unit_id as unit, count(*) as n from invitations where round_id = ${roundId} group by unit_id
      union all
      select unit_id as unit, count as n from forgotten_invitations where round_id = ${roundId}
    ) group by unit`))
    unit(r.unit).invited = r.n;
  for (const r of store.all<{ unit: string; n: number; finished: number }>(sql`
    select unit_id as unit, count(*) as n, sum(finished) as finished from responses where round_id = ${roundId} group by unit_id`)) {
    unit(r.unit).responses = r.n;
    unit(r.unit).finished = r.finished;
  }

  const asked = new Set(itemIds);
  const reversed = new Set(instrument.factors.flatMap((f) => f.items.filter((i) => i.reverse).map((i) => i.id)));
  const itemRows = store.all<{ unit: string; item: string; value: number; n: number }>(sql`
    select r.unit_id as unit, a.item_id as item, a.value as value, count(*) as n
    from answers a join responses r on r.id = a.response_id
    where r.round_id = ${roundId}
    group by r.unit_id, a.item_id, a.value`);
  for (const r of itemRows) {
    if (!asked.has(r.item) || r.value < 1 || r.value > 5) continue;
    // Reverse-scored statements count as 6 − value: agreeing with a heavy demand is unfavourable.
    const v = reversed.has(r.item) ? 6 - r.value : r.value;
    const counts = unit(r.unit).items.get(r.item) ?? emptyCounts();
    counts[v - 1] = (counts[v - 1] ?? 0) + r.n;
    unit(r.unit).items.set(r.item, counts);
  }

  const factorRows = store.all<{ unit: string; factor: string; respondents: number; mean_sum: number }>(sql`
    select r.unit_id as unit, f.factor_id as factor, count(*) as respondents, sum(f.mean) as mean_sum
    from response_factors f join responses r on r.id = f.response_id
    where r.round_id = ${roundId}
    group by r.unit_id, f.factor_id`);
  for (const r of factorRows) unit(r.unit).factors.set(r.factor, { respondents: r.respondents, meanSum: r.mean_sum });
  return byUnit;
}

/** Adds b into a (for rolling sub-units up into their parent). */
export function mergeInto(a: UnitAggregate, b: UnitAggregate): void {
  a.invited += b.invited;
  a.responses += b.responses;
  a.finished += b.finished;
  for (const [item, counts] of b.items) {
    const mine = a.items.get(item) ?? emptyCounts();
    a.items.set(item, mine.map((v, i) => v + (counts[i] ?? 0)) as Counts);
  }
  for (const [factor, f] of b.factors) {
    const mine = a.factors.get(factor) ?? { respondents: 0, meanSum: 0 };
    a.factors.set(factor, { respondents: mine.respondents + f.respondents, meanSum: mine.meanSum + f.meanSum });
  }
}
