import { trendDirection } from "../core/scoring";
import type { Earlier, FactorReport, ShownReport, TrendWithheld, UnitReport } from "./report-types";

/** A shown factor's figures, or null where the figure is hidden. */
export function shownFactor(report: UnitReport | undefined, factorId: string) {
  if (report === undefined || report.suppressed) return null;
  const f = report.factors.find((x) => x.id === factorId);
  return f === undefined || f.suppressed ? null : f;
}

/**
 * A shown report's factors with their trends against the earlier round: only between two shown figures,
 * from groups that differ by 0 or at least k people (rule 10). Added when a report is read, so a round
 * kept only as a snapshot gets its trend the same way.
 */
export function withTrends(report: ShownReport, then: Earlier): ShownReport {
  const factors = report.factors.map((f): FactorReport => {
    if (f.suppressed) return f;
    const earlier = then.kind === "report" ? (shownFactor(then.report, f.id)?.mean ?? null) : null;
    const trend = f.mean !== null && earlier !== null ? Math.round((f.mean - earlier) * 100) / 100 : null;
    const hiddenThen =
      then.kind === "report" &&
      then.report !== undefined &&
      (then.report.suppressed || then.report.factors.find((x) => x.id === f.id)?.suppressed === true);
    const withheld: TrendWithheld | null = then.kind === "withheld" ? then.why : hiddenThen ? "hidden_then" : null;
    return { ...f, trend, direction: trendDirection(trend), trendWithheld: withheld };
  });
  return { ...report, factors };
}

/**
 * A stored report read with a k larger than it was decided with: each figure below k hidden as well.
 * Hiding more never shows anything the report did not already show.
 */
export function hideBelow(report: UnitReport, k: number): UnitReport {
  if (report.suppressed) return report;
  if (report.responses < k) {
    const { round, unit, invited } = report;
    return { round, unit, includesSubunits: true, invited, suppressed: true, reason: "below_threshold" };
  }
  const hide = { suppressed: true, reason: "below_threshold" } as const;
  const factors = report.factors.map((f): FactorReport => (f.suppressed || f.n >= k ? f : { id: f.id, ...hide }));
  const items = report.items.map((i) => (i.suppressed || i.n >= k ? i : { id: i.id, factor: i.factor, ...hide }));
  const shown = new Set(factors.flatMap((f) => (f.suppressed ? [] : [f.id])));
  return {
    ...report,
    factors,
    items,
    strengths: report.strengths.filter((id) => shown.has(id)),
    improvements: report.improvements.filter((id) => shown.has(id)),
  };
}
