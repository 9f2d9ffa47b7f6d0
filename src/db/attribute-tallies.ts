import { and, eq, sql } from "drizzle-orm";
import { askedFactorIds, respondentTallies } from "../core/attribute-tally";
import type { Instrument } from "../core/instrument";
import { getInstrument } from "./instrument-store";
import type { Store } from "./open";
import { prepared } from "./prepared";
import { attributeCells, attributeFactorTallies, invitationAttributes, rounds } from "./schema";

/**
 * The lowest k there can be (ANONYMITY_MIN is at least 3): a value fewer invited people hold can never be
 * shown, whatever k is, so its respondents are not tallied apart; they count in the "no value" remainder.
 */
const FEWEST_EVER_SHOWN = 3;

/**
 * At open, in the round's transaction: invited per (attribute, value) as counts (rule 6's spirit: no later
 * roster edit or `person forget` changes them), each invited person's values for the cells that could ever
 * be shown, and every cell's factor tallies at zero. Made now, in name and value order, so that no row's
 * position in the file says when a cell got its first response.
 */
export function snapshotAttributes(tx: Store, roundId: string, instrument: Instrument, itemIds: readonly string[]) {
  tx.run(sql`
    insert into attribute_cells (round_id, name, value, invited)
    select i.round_id, a.name, a.attribute_value, count(*) from invitations i
    join person_attributes a on a.person_id = i.person_id
    where i.round_id = ${roundId} group by a.name, a.attribute_value order by a.name, a.attribute_value`);
  tx.run(sql`
    insert into invitation_attributes (round_id, person_id, name, attribute_value)
    select i.round_id, i.person_id, a.name, a.attribute_value from invitations i
    join person_attributes a on a.person_id = i.person_id
    join attribute_cells c on c.round_id = i.round_id and c.name = a.name and c.value = a.attribute_value
    where i.round_id = ${roundId} and c.invited >= ${FEWEST_EVER_SHOWN}`);
  tx.run(sql`
    insert into attribute_cell_units (round_id, name, value, unit_id, invited)
    select i.round_id, a.name, a.attribute_value, i.unit_id, count(*) from invitations i
    join person_attributes a on a.person_id = i.person_id
    join attribute_cells c on c.round_id = i.round_id and c.name = a.name and c.value = a.attribute_value
    where i.round_id = ${roundId} and c.invited >= ${FEWEST_EVER_SHOWN}
    group by a.name, a.attribute_value, i.unit_id order by a.name, a.attribute_value, i.unit_id`);
  for (const factorId of askedFactorIds(instrument.factors, new Set(itemIds))) {
    tx.run(sql`
      insert into attribute_factor_tallies (round_id, name, value, factor_id)
      select round_id, name, value, ${factorId} from attribute_cells
      where round_id = ${roundId} and invited >= ${FEWEST_EVER_SHOWN} order by name, value`);
  }
}

/** Every submit asks for the person's cells, most often none: prepared once per connection (prepared.ts). */
const cellsOf = (s: Store) =>
  s
    .select({ name: invitationAttributes.name, value: invitationAttributes.value })
    .from(invitationAttributes)
    .where(
      and(
        eq(invitationAttributes.roundId, sql.placeholder("r")),
        eq(invitationAttributes.personId, sql.placeholder("p")),
      ),
    )
    .prepare();

/**
 * In the transaction that stores a response: adds it to the cells of the person's values at open, and
 * forgets which cells those were. Only sums change: nothing written here names the response, its unit or
 * the person (DESIGN.md rule 1).
 */
export function tallyAttributes(tx: Store, roundId: string, personId: string, given: ReadonlyMap<string, number>) {
  const cells = prepared(tx, cellsOf).all({ r: roundId, p: personId });
  if (cells.length === 0) return;
  const mine = and(eq(invitationAttributes.roundId, roundId), eq(invitationAttributes.personId, personId));
  tx.delete(invitationAttributes).where(mine).run();
  const round = tx
    .select({ instrumentId: rounds.instrumentId, version: rounds.instrumentVersion, itemIds: rounds.itemIds })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .get();
  if (round === undefined || round.version === null) return;
  const { instrument } = getInstrument(tx, round.instrumentId, round.version);
  const tallies = respondentTallies(instrument.factors, new Set(round.itemIds ?? []), given);
  for (const { name, value } of cells) {
    const cell = and(
      eq(attributeCells.roundId, roundId),
      eq(attributeCells.name, name),
      eq(attributeCells.value, value),
    );
    tx.update(attributeCells)
      .set({ responses: sql`${attributeCells.responses} + 1` })
      .where(cell)
      .run();
    for (const t of tallies) {
      const f = attributeFactorTallies;
      tx.update(f)
        .set({
          respondents: sql`${f.respondents} + ${t.mean === null ? 0 : 1}`,
          meanSum: sql`${f.meanSum} + ${t.mean ?? 0}`,
          c1: sql`${f.c1} + ${t.counts[0]}`,
          c2: sql`${f.c2} + ${t.counts[1]}`,
          c3: sql`${f.c3} + ${t.counts[2]}`,
          c4: sql`${f.c4} + ${t.counts[3]}`,
          c5: sql`${f.c5} + ${t.counts[4]}`,
        })
        .where(and(eq(f.roundId, roundId), eq(f.name, name), eq(f.value, value), eq(f.factorId, t.factorId)))
        .run();
    }
  }
}

/** At close, after the drafts are flushed: no one's values for the round are kept any longer. */
export function dropInvitationAttributes(tx: Store, roundId: string): void {
  tx.delete(invitationAttributes).where(eq(invitationAttributes.roundId, roundId)).run();
}

/** Retention: the factor sums go with the answers; the cells' counts stay, like the responses' rows. */
export function deleteAttributeTallies(tx: Store, roundId: string): void {
  tx.delete(attributeFactorTallies).where(eq(attributeFactorTallies.roundId, roundId)).run();
}
