import type { HiddenReason } from "../core/anonymity";
import type { TrendDirection } from "../core/scoring";

/** The report shapes of CONTRACT.md, apart from the code that computes them (report, trend, snapshot). */
export type TrendWithheld = "hidden_then" | "group_changed";

/** A figure the anonymity engine hid: what it was and why, nothing more (CONTRACT.md). */
export interface HiddenFigure {
  id: string;
  suppressed: true;
  reason: HiddenReason;
}

/** The report JSON of CONTRACT.md. */
export type FactorReport =
  | {
      id: string;
      suppressed: false;
      n: number;
      mean: number | null;
      score: number | null;
      distribution: number[];
      favorable: number | null;
      trend: number | null;
      /** The server's reading of the trend: the arrow every surface shows. */
      direction: TrendDirection | null;
      /**
       * Why there is no trend although there was an earlier round: its figure was hidden, or the group
       * gained or lost 1..k−1 people since (one round minus the other would be their answers, rule 10).
       */
      trendWithheld: TrendWithheld | null;
    }
  | HiddenFigure;

export type ItemReport =
  | {
      id: string;
      factor: string;
      suppressed: false;
      n: number;
      mean: number | null;
      sd: number | null;
      distribution: number[];
    }
  | (HiddenFigure & { factor: string });

export type ShownReport = {
  round: string;
  unit: string;
  includesSubunits: true;
  invited: number;
  responses: number;
  responseRate: number;
  suppressed: false;
  reason: null;
  factors: FactorReport[];
  items: ItemReport[];
  /** Factor ids: the server's choice that every surface shows. */
  strengths: string[];
  improvements: string[];
};

export type UnitReport =
  | ShownReport
  | { round: string; unit: string; includesSubunits: true; invited: number; suppressed: true; reason: HiddenReason };

export interface RoundReports {
  roundId: string;
  /** Units whose comments may be shown (rule 7: k who could have written one, no small remainder). */
  commentsShown: ReadonlySet<string>;
  /** unitId → report; every unit of the organization, shown or suppressed. */
  byUnit: Map<string, UnitReport>;
  byPath: Map<string, UnitReport>;
  rootUnitId: string | null;
}

/** What a trend compares with: no earlier round, one withheld for the whole unit, or its report. */
export type Earlier =
  | { kind: "none" }
  | { kind: "withheld"; why: TrendWithheld }
  | { kind: "report"; report: UnitReport | undefined };
