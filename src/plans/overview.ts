import type { Store } from "../db/open";
import { units } from "../db/schema";
import { listPlans } from "./plans";

interface PlansOverviewUnit {
  unitId: string;
  unit: string;
  series: string;
  round: string;
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
}

/** HR's overview: how many units have a plan, and how far the measures have come, per unit and in all. */
export interface PlansOverview {
  units: number;
  withPlan: number;
  measures: { total: number; done: number; inProgress: number; notStarted: number; overdue: number };
  byUnit: PlansOverviewUnit[];
}

/**
 * Each unit's latest plan (of its newest closed round) counts once. Plans
 * speak of the team's work, never of answers, so the overview needs no k.
 */
export function plansOverview(store: Store, now: Date): PlansOverview {
  const latest = new Map<string, PlansOverviewUnit>();
  // listPlans gives the newest round first.
  for (const p of listPlans(store, now)) {
    if (latest.has(p.unitId)) continue;
    latest.set(p.unitId, { unitId: p.unitId, unit: p.unit, series: p.series, round: p.round, ...p.progress });
  }
  const byUnit = [...latest.values()].sort((a, b) => a.unit.localeCompare(b.unit, "nb"));
  const sum = (k: "total" | "done" | "inProgress" | "notStarted" | "overdue") => byUnit.reduce((n, u) => n + u[k], 0);
  return {
    units: store.select({ id: units.id }).from(units).all().length,
    withPlan: byUnit.length,
    measures: {
      total: sum("total"),
      done: sum("done"),
      inProgress: sum("inProgress"),
      notStarted: sum("notStarted"),
      overdue: sum("overdue"),
    },
    byUnit,
  };
}
