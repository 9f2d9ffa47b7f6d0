import type { Db } from "../db/open";
import { type PlanCandidate, planCandidates } from "../plans/plan-edit";
import type { Choice } from "./message";

/** How many people a search shows: a picker, not a directory. */
const SHOWN = 20;

/** Name, then the unit's own name and the e-mail: two Kari Nordmanns tell apart. */
export function candidateChoice(c: PlanCandidate): Choice {
  const unit = c.unit.split(" > ").pop() ?? c.unit;
  return { value: c.id, label: `${c.name} · ${unit} · ${c.email}` };
}

/** The candidates whose name, unit or e-mail contains every word typed (case and accents aside). */
export function searchCandidates(db: Db, unitId: string, query: string): Choice[] {
  const fold = (s: string) => s.normalize("NFKD").toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean).slice(0, 5);
  return planCandidates(db, unitId)
    .filter((c) => {
      const hay = fold(`${c.name} ${c.unit} ${c.email}`);
      return words.every((w) => hay.includes(w));
    })
    .slice(0, SHOWN)
    .map(candidateChoice);
}
