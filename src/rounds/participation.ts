import { eq, sql } from "drizzle-orm";
import { type HiddenReason, type Visibility, liveVisibility, unitTree } from "../core/anonymity";
import { responseRate } from "../core/scoring";
import type { Store } from "../db/open";
import { rounds, units } from "../db/schema";
import { roundReports, type UnitReport } from "../reports/report";

/**
 * Participation, with one definition of "answered" for every surface: a
 * person has answered when their response is stored, which happens when they
 * send the survey and, at the close, for an unfinished survey with at least
 * one answer. Counted from the anonymous responses (by the unit at open), so
 * it equals the report's response count and nothing about a person changes it.
 * A unit's figure covers its sub-units, like a report (DESIGN.md rule 6).
 */
export type UnitParticipation =
  | {
      unitId: string;
      unit: string;
      invited: number;
      answered: number;
      responseRate: number;
      unreachable: number;
      suppressed: false;
    }
  /**
   * A unit not shown alone: while open, fewer than k invited (or it would give such a unit away); after the
   * close, its report is hidden. How many were invited and why, never how many answered; its answers count
   * in `countedIn`, the nearest unit above that is shown.
   */
  | { unitId: string; unit: string; invited: number; suppressed: true; reason: HiddenReason; countedIn: string | null };

export interface RoundParticipation {
  round: string;
  status: "scheduled" | "open" | "closed";
  /** The organization's own figure (its top unit's), first of `units` too. */
  total: UnitParticipation | null;
  /** Every unit anyone was invited in (itself or below), in path order. */
  units: UnitParticipation[];
}

interface Own {
  invited: number;
  answered: number;
  unreachable: number;
}

function ownCounts(store: Store, roundId: string): Map<string, Own> {
  const own = new Map<string, Own>();
  const at = (id: string) => {
    const o = own.get(id) ?? { invited: 0, answered: 0, unreachable: 0 };
    own.set(id, o);
    return o;
  };
  const invited = store.all<{ unit: string; n: number; unreachable: number }>(sql`
    select unit_id as unit, count(*) as n, sum(undeliverable is not null) as unreachable
    from invitations where round_id = ${roundId} group by unit_id`);
  for (const r of invited) Object.assign(at(r.unit), { invited: r.n, unreachable: r.unreachable });
  // The forgotten stay counted (rule 6): their invitations are tallies now.
  const forgotten = store.all<{ unit: string; n: number; unreachable: number }>(sql`
    select unit_id as unit, count as n, unreachable from forgotten_invitations where round_id = ${roundId}`);
  for (const r of forgotten) {
    at(r.unit).invited += r.n;
    at(r.unit).unreachable += r.unreachable;
  }
  const answered = store.all<{ unit: string; n: number }>(sql`
    select unit_id as unit, count(*) as n from responses where round_id = ${roundId} group by unit_id`);
  for (const r of answered) at(r.unit).answered = r.n;
  return own;
}

/** Every unit's participation in a round; after the close, with the report's anonymity decisions. */
export function roundParticipation(store: Store, roundId: string, k: number): RoundParticipation | null {
  const round = store.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) return null;
  const unitRows = store
    .select({ id: units.id, parentId: units.parentId, path: units.path })
    .from(units)
    .orderBy(units.path)
    .all();
  const tree = unitTree(unitRows);
  const own = ownCounts(store, roundId);
  const rolled = new Map<string, Own>();
  const roll = (id: string): Own => {
    const done = rolled.get(id);
    if (done) return done;
    const sum = { ...(own.get(id) ?? { invited: 0, answered: 0, unreachable: 0 }) };
    for (const c of tree.children.get(id) ?? []) {
      const r = roll(c);
      sum.invited += r.invited;
      sum.answered += r.answered;
      sum.unreachable += r.unreachable;
    }
    rolled.set(id, sum);
    return sum;
  };
  // After the close the report decides (by responses); while open, a unit is shown only with at least k
  // invited and no remainder of 1..k−1 invited against the units shown below it (rule 6).
  const decided: ReadonlyMap<string, Visibility> =
    round.status === "closed"
      ? new Map([...roundReports(store, roundId, k, false).byUnit].map(([id, r]) => [id, visibilityOf(r)]))
      : liveVisibility(tree, new Map([...own].map(([id, o]) => [id, o.invited])), k);
  const parentOf = new Map(unitRows.map((u) => [u.id, u.parentId]));
  const pathOf = new Map(unitRows.map((u) => [u.id, u.path]));
  /** The nearest unit above that is shown: where a hidden unit's answers are counted. */
  const countedIn = (id: string): string | null => {
    for (let at = parentOf.get(id) ?? null; at !== null; at = parentOf.get(at) ?? null) {
      if (decided.get(at)?.visible) return pathOf.get(at) ?? null;
    }
    return null;
  };
  const list = unitRows.flatMap((u): UnitParticipation[] => {
    const c = roll(u.id);
    if (c.invited === 0) return [];
    const v = decided.get(u.id);
    if (v === undefined || !v.visible) {
      const reason = v?.visible === false ? v.reason : "below_threshold";
      return [{ unitId: u.id, unit: u.path, invited: c.invited, suppressed: true, reason, countedIn: countedIn(u.id) }];
    }
    const rate = responseRate(c.answered, c.invited);
    return [
      {
        unitId: u.id,
        unit: u.path,
        invited: c.invited,
        answered: c.answered,
        responseRate: rate,
        unreachable: c.unreachable,
        suppressed: false,
      },
    ];
  });
  const root = unitRows.find((u) => u.parentId === null);
  return { round: roundId, status: round.status, total: list.find((p) => p.unitId === root?.id) ?? null, units: list };
}

const visibilityOf = (r: UnitReport): Visibility =>
  r.suppressed ? { visible: false, total: 0, reason: r.reason } : { visible: true, total: r.responses };

/**
 * What a leader is told about one unit while a round is open (the halfway
 * nudge, the status reply): the unit's own figure where it is shown, else that
 * of the nearest shown unit above, named as such; null if none is shown.
 */
export function shownParticipation(
  p: RoundParticipation,
  unitId: string,
): Extract<UnitParticipation, { suppressed: false }> | null {
  const own = p.units.find((u) => u.unitId === unitId);
  if (own === undefined) return null;
  if (!own.suppressed) return own;
  const above = p.units.find((u) => u.unit === own.countedIn);
  return above !== undefined && !above.suppressed ? above : null;
}
