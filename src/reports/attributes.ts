import { and, eq, sql } from "drizzle-orm";
import { askedFactorIds } from "../core/attribute-tally";
import { type Nesting, cellNesting, decideAttribute } from "../core/attribute-suppression";
import type { HiddenReason } from "../core/anonymity";
import { PulsenError } from "../core/errors";
import { type Counts, factorFigures, responseRate } from "../core/scoring";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import {
  attributeCellUnits,
  attributeCells,
  attributeFactorTallies,
  responseFactors,
  responses,
  roundSnapshots,
  rounds,
  units,
} from "../db/schema";
import { roundReports } from "./report";
import type { HiddenFigure } from "./report-types";

type ShownFactor = {
  id: string;
  suppressed: false;
  n: number;
  mean: number | null;
  score: number | null;
  distribution: number[];
  favorable: number | null;
};

/**
 * One value's cell. A hidden cell keeps its value, how many were invited with it (the roster HR imported
 * says as much: it tells nothing of who answered) and why; no responses, rate or factors.
 */
type AttributeCell =
  | {
      value: string;
      invited: number;
      suppressed: false;
      reason: null;
      responses: number;
      responseRate: number;
      factors: (ShownFactor | HiddenFigure)[];
    }
  | { value: string; invited: number; suppressed: true; reason: HiddenReason };

export interface AttributeReport {
  round: string;
  by: `attr:${string}`;
  /** Retention deleted the round's answers: cells keep their counts, factor results are gone. */
  answersDeleted: boolean;
  cells: AttributeCell[];
}

/** The attributes a round has cells for (its people's `attr:` columns at open), by name. */
export function roundAttributeNames(store: Store, roundId: string): string[] {
  return store
    .selectDistinct({ name: attributeCells.name })
    .from(attributeCells)
    .where(eq(attributeCells.roundId, roundId))
    .orderBy(attributeCells.name)
    .all()
    .map((r) => r.name);
}

/**
 * A closed round's response rate and factor results per value of one attribute, for the whole
 * organization only (DESIGN.md rule 8), every figure decided by src/core/attribute-suppression.ts.
 */
export function attributeReport(store: Store, roundId: string, name: string, k: number): AttributeReport {
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (round.status !== "closed") throw new PulsenError("conflict", { kind: "round_still_open", what: "results" });
  const cells = store
    .select()
    .from(attributeCells)
    .where(and(eq(attributeCells.roundId, roundId), eq(attributeCells.name, name)))
    .orderBy(attributeCells.value)
    .all();
  if (cells.length === 0) {
    const known = roundAttributeNames(store, roundId);
    throw new PulsenError("not_found", { kind: "attribute_unknown", name, known });
  }
  const totalResponses =
    store.get<{ n: number }>(sql`select count(*) as n from ${responses} where round_id = ${roundId}`)?.n ?? 0;
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const factorIds = askedFactorIds(instrument.factors, new Set(round.itemIds ?? []));
  const tallies = store
    .select()
    .from(attributeFactorTallies)
    .where(and(eq(attributeFactorTallies.roundId, roundId), eq(attributeFactorTallies.name, name)))
    .all();
  const answersDeleted =
    store
      .select({ id: roundSnapshots.roundId })
      .from(roundSnapshots)
      .where(eq(roundSnapshots.roundId, roundId))
      .get() !== undefined;
  const tally = (value: string, factorId: string) => tallies.find((t) => t.value === value && t.factorId === factorId);
  const factorTotals = new Map(
    store
      .all<{ factor: string; n: number }>(sql`
        select f.factor_id as factor, count(*) as n from ${responseFactors} f
        join ${responses} r on r.id = f.response_id where r.round_id = ${roundId} group by f.factor_id`)
      .map((r) => [r.factor, r.n]),
  );
  const decided = decideAttribute(
    {
      responses: new Map(cells.map((c) => [c.value, c.responses])),
      factors: new Map(
        factorIds.map((f) => [f, new Map(cells.map((c) => [c.value, tally(c.value, f)?.respondents ?? 0]))]),
      ),
      totals: { responses: totalResponses, factors: factorTotals },
      nesting: nestingOf(store, roundId, name, k, factorIds),
    },
    k,
  );

  return {
    round: roundId,
    by: `attr:${name}`,
    answersDeleted,
    cells: cells.map((c): AttributeCell => {
      const v = decided.cells.get(c.value);
      if (v === undefined || !v.visible) {
        const reason = v?.visible === false ? v.reason : "below_threshold";
        return { value: c.value, invited: c.invited, suppressed: true, reason };
      }
      const factors = answersDeleted
        ? []
        : factorIds.map((f): ShownFactor | HiddenFigure => {
            const d = decided.factors.get(f)?.get(c.value);
            if (d === undefined || !d.visible)
              return { id: f, suppressed: true, reason: d?.visible === false ? d.reason : "below_threshold" };
            const t = tally(c.value, f);
            const pooled: Counts = [t?.c1 ?? 0, t?.c2 ?? 0, t?.c3 ?? 0, t?.c4 ?? 0, t?.c5 ?? 0];
            return { id: f, suppressed: false, ...factorFigures(t?.meanSum ?? 0, t?.respondents ?? 0, pooled) };
          });
      const rate = responseRate(c.responses, c.invited);
      const shown = { value: c.value, invited: c.invited, suppressed: false, reason: null } as const;
      return { ...shown, responses: c.responses, responseRate: rate, factors };
    }),
  };
}

/**
 * Each cell's place among the units the round's reports show, per figure: the unit reports are decided first
 * (src/reports/report.ts) and a cell nested in a shown unit, or holding one, is checked against it.
 */
function nestingOf(store: Store, roundId: string, name: string, k: number, factorIds: readonly string[]) {
  const tree = store.select({ id: units.id, parentId: units.parentId }).from(units).all();
  const reports = roundReports(store, roundId, k, false).byUnit;
  const unitInvited = new Map(
    store
      .all<{ unit: string; n: number }>(sql`
        select unit, sum(n) as n from (
          select unit_id as unit, count(*) as n from invitations where round_id = ${roundId} group by unit_id
          union all
          select unit_id as unit, count as n from forgotten_invitations where round_id = ${roundId}
        ) group by unit`)
      .map((r) => [r.unit, r.n]),
  );
  const byValue = new Map<string, Map<string, number>>();
  for (const r of store
    .select()
    .from(attributeCellUnits)
    .where(and(eq(attributeCellUnits.roundId, roundId), eq(attributeCellUnits.name, name)))
    .all())
    byValue.set(r.value, (byValue.get(r.value) ?? new Map()).set(r.unitId, r.invited));
  const perValue = (shownN: (unitId: string) => number | null) =>
    new Map<string, Nesting>(
      [...byValue].map(([value, cellInvited]) => [value, cellNesting(tree, shownN, cellInvited, unitInvited)]),
    );
  const responsesN = (id: string) => {
    const r = reports.get(id);
    return r === undefined || r.suppressed ? null : r.responses;
  };
  const factorN = (factorId: string) => (id: string) => {
    const r = reports.get(id);
    const f = r === undefined || r.suppressed ? undefined : r.factors.find((x) => x.id === factorId);
    return f === undefined || f.suppressed ? null : f.n;
  };
  return { responses: perValue(responsesN), factors: new Map(factorIds.map((f) => [f, perValue(factorN(f))])) };
}
