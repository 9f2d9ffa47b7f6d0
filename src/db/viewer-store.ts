import { and, eq, inArray } from "drizzle-orm";
import { type Access, accessFor } from "../core/access";
import { DEFAULT_LOCALE, type Locale } from "../core/locale";
import type { Role } from "../core/roles";
import type { Db } from "./open";
import { getOrganization, personLocale } from "./org-store";
import { chosenLocale } from "./person-settings";
import { people, personRoles, unitLeaders, units } from "./schema";

export interface Viewer {
  id: string;
  name: string;
  locale: Locale;
  /** The language picked on the dashboard's switch (it wins over the CSV's there); null if never picked. */
  chosenLocale: Locale | null;
  roles: Role[];
  unitId: string;
  leads: string[];
  access: Access;
}

/** Everything the dashboard needs to know about who is looking, read once per request. */
export function loadViewer(db: Db, personId: string): Viewer | null {
  const p = db
    .select({ id: people.id, name: people.name, unitId: people.unitId, locale: personLocale })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)))
    .get();
  if (p === undefined) return null;
  const roles = db
    .select({ role: personRoles.role })
    .from(personRoles)
    .where(eq(personRoles.personId, personId))
    .all()
    .map((r) => r.role);
  const leads = db
    .select({ unitId: unitLeaders.unitId })
    .from(unitLeaders)
    .where(eq(unitLeaders.personId, personId))
    .all()
    .map((r) => r.unitId);
  const parents = new Map(
    db
      .select({ id: units.id, parentId: units.parentId })
      .from(units)
      .all()
      .map((u) => [u.id, u.parentId]),
  );
  const represents = roles.some((r) => r === "union_rep" || r === "safety_rep") ? [p.unitId] : [];
  const access = accessFor({ hr: roles.includes("hr"), leads, represents }, parents);
  const chosen = chosenLocale(db, p.id);
  const locale = chosen ?? p.locale ?? getOrganization(db)?.defaultLocale ?? DEFAULT_LOCALE;
  return { id: p.id, name: p.name, locale, chosenLocale: chosen, roles, unitId: p.unitId, leads, access };
}

/** The people who can use the dashboard (the demo's sign-in picker). */
export function dashboardPeople(db: Db): { id: string; name: string; what: string }[] {
  const hr = db.select({ id: personRoles.personId }).from(personRoles).all();
  const leaders = db.select({ id: unitLeaders.personId }).from(unitLeaders).all();
  const ids = [...new Set([...hr, ...leaders].map((r) => r.id))];
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)))
    .all();
  return rows
    .map((r) => {
      const v = loadViewer(db, r.id);
      const what = v === null ? "" : [...v.roles, ...(v.leads.length > 0 ? ["leader"] : [])].join(", ");
      return { id: r.id, name: r.name, what };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "nb"));
}
