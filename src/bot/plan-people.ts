import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../db/open";
import { people, unitLeaders, units } from "../db/schema";
import { subtreeUnitIds } from "../rounds/audience";
import type { Choice } from "./message";

/** How many people a search shows: a picker, not a directory. */
const SHOWN = 20;

interface Candidate {
  id: string;
  name: string;
  email: string;
  unit: string;
}

/**
 * Who can be made responsible for a unit's measure: its active people (with
 * its sub-units) and its leaders, as the dashboard's plan offers them.
 */
export function planCandidates(db: Db, unitId: string): Candidate[] {
  const inUnits = subtreeUnitIds(db, unitId);
  const leaders = db
    .select({ id: unitLeaders.personId })
    .from(unitLeaders)
    .where(eq(unitLeaders.unitId, unitId))
    .all()
    .map((l) => l.id);
  const where =
    leaders.length > 0
      ? or(inArray(people.unitId, inUnits), inArray(people.id, leaders))
      : inArray(people.unitId, inUnits);
  return db
    .select({ id: people.id, name: people.name, email: people.email, unit: units.path })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.active, true), where))
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, "nb"));
}

/** Name, then the unit's own name and the e-mail: two Kari Nordmanns tell apart. */
export function candidateChoice(c: Candidate): Choice {
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
