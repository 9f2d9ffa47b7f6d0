import { eq, sql } from "drizzle-orm";
import { type HiddenReason, unitTree } from "../core/anonymity";
import { responseRate } from "../core/scoring";
import type { Store } from "../db/open";
import { rounds, units } from "../db/schema";
import { roundReports } from "../reports/report";

/**
 * Participation, with one definition of "answered" for every surface: a
 * person has answered when their response is stored, which happens when they
 * send the survey and, at the close, for an unfinished survey with at least
 * one answer. Counted from the anonymous responses (by the unit at open), so
 * it equals the report's response count and nothing about a person changes it.
 * A unit's figure covers its sub-units, like a report (DESIGN.md rule 6).
 */
export type UnitParticipation =
  | { unitId: string; unit: string; invited: number; answered: number; responseRate: number; unreachable: number; suppressed: false }
  /** After the close, a unit whose report is hidden: how many were invited and why, never how many answered. */
  | { unitId: string; unit: string; invited: number; suppressed: true; reason: HiddenReason };

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
    let o = own.get(id);
    if (o === undefined) own.set(id, (o = { invited: 0, answered: 0, unreachable: 0 }));
    return o;
  };
  const invited = store.all<{ unit: string; n: number; unreachable: number }>(sql`
    select unit_id as unit, count(*) as n, sum(undeliverable is not null) as unreachable
    from invitations where round_id = ${roundId} group by unit_id`);
  for (const r of invited) Object.assign(at(r.unit), { invited: r.n, unreachable: r.unreachable });
  const answered = store.all<{ unit: string; n: number }>(sql`
    select unit_id as unit, count(*) as n from responses where round_id = ${roundId} group by unit_id`);
  for (const r of answered) at(r.unit).answered = r.n;
  return own;
}

/** Every unit's participation in a round; after the close, with the report's anonymity decisions. */
export function roundParticipation(store: Store, roundId: string, k: number): RoundParticipation | null {
  const round = store.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) return null;
  const unitRows = store.select({ id: units.id, parentId: units.parentId, path: units.path }).from(units).orderBy(units.path).all();
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
  const reports = round.status === "closed" ? roundReports(store, roundId, k, false) : null;
  const list = unitRows.flatMap((u): UnitParticipation[] => {
    const c = roll(u.id);
    if (c.invited === 0) return [];
    const report = reports?.byUnit.get(u.id);
    if (report?.suppressed) return [{ unitId: u.id, unit: u.path, invited: c.invited, suppressed: true, reason: report.reason }];
    const rate = responseRate(c.answered, c.invited);
    return [{ unitId: u.id, unit: u.path, invited: c.invited, answered: c.answered, responseRate: rate, unreachable: c.unreachable, suppressed: false }];
  });
  const root = unitRows.find((u) => u.parentId === null);
  return { round: roundId, status: round.status, total: list.find((p) => p.unitId === root?.id) ?? null, units: list };
}

/** One unit's participation (with its sub-units) in an open round: the halfway nudge and the status reply. */
export function unitParticipation(store: Store, roundId: string, unitId: string): { invited: number; answered: number } {
  const row = store.get<{ invited: number; answered: number }>(sql`
    with recursive tree(id) as (
      select ${unitId} union all select u.id from ${units} u join tree t on u.parent_id = t.id
    )
    select (select count(*) from invitations where round_id = ${roundId} and unit_id in (select id from tree)) as invited,
           (select count(*) from responses where round_id = ${roundId} and unit_id in (select id from tree)) as answered`);
  return { invited: row?.invited ?? 0, answered: row?.answered ?? 0 };
}
