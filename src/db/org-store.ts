import { and, eq, sql } from "drizzle-orm";
import { DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import type { ExistingPerson } from "../core/org-import";
import type { Role } from "../core/roles";
import { parseUnitPath, type UnitPath } from "../core/unit-path";
import { loadPersonAttributes } from "./attribute-store";
import type { Db, Store } from "./open";
import { organizations, people, personRoles, unitLeaders, units, type OrganizationRow } from "./schema";

export interface OrgSnapshot {
  org: OrganizationRow | null;
  unitPaths: Set<string>;
  people: Map<string, ExistingPerson>;
}

/** A stored unit path as its parts (a stored path always parses; anything else stays one part). */
export function toPath(text: string): UnitPath {
  const p = parseUnitPath(text);
  return p.ok ? p.path : [text];
}

export function getOrganization(db: Store): OrganizationRow | null {
  return db.select().from(organizations).limit(1).get() ?? null;
}

/** The organization's time zone; the default one before an organization file is imported. */
export function orgTimeZone(db: Store): string {
  return getOrganization(db)?.defaultTimezone ?? DEFAULT_TIME_ZONE;
}

/** The organization as the import planner needs to see it. */
export function loadOrgSnapshot(db: Db): OrgSnapshot {
  const org = getOrganization(db);
  const unitRows = db.select({ id: units.id, path: units.path }).from(units).all();
  const pathById = new Map(unitRows.map((u) => [u.id, u.path]));
  const leaders = new Map<string, UnitPath[]>();
  for (const l of db.select().from(unitLeaders).all()) {
    const list = leaders.get(l.personId) ?? [];
    list.push(toPath(pathById.get(l.unitId) ?? ""));
    leaders.set(l.personId, list);
  }
  const roles = new Map<string, Role[]>();
  for (const r of db.select().from(personRoles).all()) {
    const list = roles.get(r.personId) ?? [];
    list.push(r.role);
    roles.set(r.personId, list);
  }
  const attributes = loadPersonAttributes(db);
  const byEmail = new Map<string, ExistingPerson>();
  for (const p of db.select().from(people).all()) {
    byEmail.set(p.email, {
      email: p.email,
      name: p.name,
      unit: toPath(pathById.get(p.unitId) ?? ""),
      leaderOf: leaders.get(p.id) ?? [],
      roles: roles.get(p.id) ?? [],
      slackUserId: p.slackUserId,
      teamsAadObjectId: p.teamsAadObjectId,
      locale: p.locale,
      timezone: p.timezone,
      phone: p.phone,
      channel: p.channel,
      attributes: attributes.get(p.id) ?? {},
      active: p.active,
    });
  }
  return { org, unitPaths: new Set(unitRows.map((u) => u.path)), people: byEmail };
}

export interface UnitNode {
  id: string;
  name: string;
  path: string;
  /** Active people whose own unit this is. */
  people: number;
  /** Active people here and in all sub-units. */
  total: number;
  leaders: { name: string; email: string }[];
  children: UnitNode[];
}

export interface OrgTree {
  organization: { id: string; name: string; defaultLocale: Locale; defaultTimezone: string };
  people: number;
  units: number;
  root: UnitNode | null;
}

/** The org tree with headcounts and leaders; no one's answers, no member lists. */
export function loadOrgTree(db: Db): OrgTree | null {
  const org = getOrganization(db);
  if (org === null) return null;
  const unitRows = db.select().from(units).where(eq(units.orgId, org.id)).all();
  const nodes = new Map<string, UnitNode>();
  for (const u of unitRows)
    nodes.set(u.id, { id: u.id, name: u.name, path: u.path, people: 0, total: 0, leaders: [], children: [] });
  const active = db
    .select({ unitId: people.unitId })
    .from(people)
    .where(and(eq(people.orgId, org.id), eq(people.active, true)))
    .all();
  for (const p of active) {
    const n = nodes.get(p.unitId);
    if (n) n.people++;
  }
  const leaderRows = db
    .select({ unitId: unitLeaders.unitId, name: people.name, email: people.email })
    .from(unitLeaders)
    .innerJoin(people, eq(people.id, unitLeaders.personId))
    .all();
  for (const l of leaderRows) nodes.get(l.unitId)?.leaders.push({ name: l.name, email: l.email });
  let root: UnitNode | null = null;
  for (const u of unitRows) {
    const node = nodes.get(u.id);
    if (node === undefined) continue;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else root = node;
  }
  const finish = (n: UnitNode): number => {
    n.children.sort((a, b) => a.name.localeCompare(b.name, "nb"));
    n.leaders.sort((a, b) => a.name.localeCompare(b.name, "nb"));
    n.total = n.people + n.children.reduce((sum, c) => sum + finish(c), 0);
    return n.total;
  };
  if (root) finish(root);
  return {
    organization: {
      id: org.id,
      name: org.name,
      defaultLocale: org.defaultLocale,
      defaultTimezone: org.defaultTimezone,
    },
    people: active.length,
    units: unitRows.length,
    root,
  };
}

/** A person's time zone: the CSV's, else their chat profile's (null: the organization's). */
export const personTimezone = sql<string | null>`coalesce(${people.timezone}, ${people.profileTimezone})`;
/** A person's language: the CSV's, else their chat profile's (null: the organization's). */
export const personLocale = sql<Locale | null>`coalesce(${people.locale}, ${people.profileLocale})`;

/** Remembers what a chat platform told us about a person (id found by email, profile zone and language). */
export function setPlatformProfile(
  store: Store,
  personId: string,
  p: { slackUserId?: string; profileTimezone?: string | null; profileLocale?: Locale | null },
): void {
  const values: Partial<typeof people.$inferInsert> = {};
  if (p.slackUserId !== undefined) values.slackUserId = p.slackUserId;
  if (p.profileTimezone !== undefined) values.profileTimezone = p.profileTimezone;
  if (p.profileLocale !== undefined) values.profileLocale = p.profileLocale;
  if (Object.keys(values).length > 0) store.update(people).set(values).where(eq(people.id, personId)).run();
}
