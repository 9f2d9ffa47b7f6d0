import { sql } from "drizzle-orm";
import type { UnitTree } from "../core/anonymity";
import type { Store } from "../db/open";

/**
 * How many people a unit's group (with its sub-units) gained or lost between
 * two rounds: those invited in one round and not the other, counted from the
 * invitations (who, never what they answered). DESIGN.md rule 10 shows a
 * trend only when this is 0 or at least k: otherwise one round minus the
 * other is the answers of the few who came or went. People since forgotten
 * are only tallies, so their part is known within bounds: at least the
 * difference of the two rounds' tallies, at most their sum.
 */
export interface GroupChange {
  least: number;
  most: number;
}

/** Whether a unit's trend may be shown: its group changed by none, or surely by at least k. */
export function trendAllowed(c: GroupChange | undefined, k: number): boolean {
  return c === undefined || c.most === 0 || c.least >= k;
}

export function groupChange(
  store: Store,
  tree: UnitTree,
  roundId: string,
  earlierId: string,
): Map<string, GroupChange> {
  const parent = new Map<string, string>();
  for (const [p, children] of tree.children) for (const c of children) parent.set(c, p);
  const withAncestors = (unitId: string | undefined): Set<string> => {
    const out = new Set<string>();
    for (let at = unitId; at !== undefined; at = parent.get(at)) out.add(at);
    return out;
  };
  const change = new Map<string, number>();
  const add = (unitId: string, n: number) => change.set(unitId, (change.get(unitId) ?? 0) + n);

  const invited = store.all<{ person: string; now: string | null; before: string | null }>(sql`
    select person_id as person,
           max(case when round_id = ${roundId} then unit_id end) as now,
           max(case when round_id = ${earlierId} then unit_id end) as before
    from invitations where round_id in (${roundId}, ${earlierId})
    group by person_id`);
  for (const p of invited) {
    if (p.now === p.before) continue;
    // In exactly one of the two groups: every unit above one of the two places and not above the other.
    const now = withAncestors(p.now ?? undefined);
    const then = withAncestors(p.before ?? undefined);
    for (const u of now) if (!then.has(u)) add(u, 1);
    for (const u of then) if (!now.has(u)) add(u, 1);
  }

  const tallies = store.all<{ unit: string; round: string; n: number }>(sql`
    select unit_id as unit, round_id as round, count as n from forgotten_invitations where round_id in (${roundId}, ${earlierId})`);
  const rolled = (round: string) => {
    const m = new Map<string, number>();
    for (const t of tallies.filter((x) => x.round === round))
      for (const u of withAncestors(t.unit)) m.set(u, (m.get(u) ?? 0) + t.n);
    return m;
  };
  const [a, b] = [rolled(roundId), rolled(earlierId)];
  const bounds = new Map<string, GroupChange>();
  for (const u of new Set([...change.keys(), ...a.keys(), ...b.keys()])) {
    const known = change.get(u) ?? 0;
    const [now, then] = [a.get(u) ?? 0, b.get(u) ?? 0];
    bounds.set(u, { least: known + Math.abs(now - then), most: known + now + then });
  }
  return bounds;
}
