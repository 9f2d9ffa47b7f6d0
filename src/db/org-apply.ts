import { eq, inArray, sql } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { OrgId, PersonId, UnitId } from "../core/ids";
import type { ImportPlan, PersonRecord } from "../core/org-import";
import { formatUnitPath, parentPath, type UnitPath } from "../core/unit-path";
import { attributeWriter } from "./attribute-store";
import { newId } from "./ids";
import type { Db, Store } from "./open";
import { toPath } from "./org-store";
import { organizations, people, personRoles, unitLeaders, units } from "./schema";

/**
 * Writes a plan in one transaction: all of it or none of it.
 * Platform ids move between people (a swap, or a leaver's id reused), so ids
 * claimed by someone else are released first to keep the unique indexes happy.
 */
export function applyImport(db: Db, plan: ImportPlan, clock: Clock): void {
  const now = clock.now();
  db.transaction((tx) => {
    let orgId: OrgId;
    if (plan.createOrg) {
      orgId = newId<OrgId>("org");
      tx.insert(organizations).values({ id: orgId, name: plan.orgName, createdAt: now }).run();
    } else {
      const org = tx.select({ id: organizations.id }).from(organizations).limit(1).get();
      if (org === undefined) throw new Error("organization vanished during import");
      orgId = org.id as OrgId;
    }

    const unitIds = new Map(
      tx
        .select({ id: units.id, path: units.path })
        .from(units)
        .all()
        .map((u) => [u.path, u.id]),
    );
    for (const pathText of plan.unitsToCreate) {
      const path = toPath(pathText);
      const parent = parentPath(path);
      const id = newId<UnitId>("unit");
      tx.insert(units)
        .values({
          id,
          orgId,
          parentId: parent === null ? null : (unitIds.get(formatUnitPath(parent)) ?? null),
          name: path[path.length - 1] ?? pathText,
          path: pathText,
          depth: path.length - 1,
          createdAt: now,
        })
        .run();
      unitIds.set(pathText, id);
    }
    const unitId = (path: UnitPath): string => {
      const id = unitIds.get(formatUnitPath(path));
      if (id === undefined) throw new Error(`unit missing after creation: ${formatUnitPath(path)}`);
      return id;
    };

    const rows = [...plan.add, ...plan.update.map((u) => u.row)];
    const claimedSlack = new Map(rows.filter((r) => r.slackUserId).map((r) => [r.slackUserId, r.email]));
    const claimedTeams = new Map(rows.filter((r) => r.teamsAadObjectId).map((r) => [r.teamsAadObjectId, r.email]));
    const idByEmail = new Map<string, string>();
    for (const p of tx
      .select({ id: people.id, email: people.email, slack: people.slackUserId, teams: people.teamsAadObjectId })
      .from(people)
      .all()) {
      idByEmail.set(p.email, p.id);
      const slackOwner = p.slack === null ? undefined : claimedSlack.get(p.slack);
      if (slackOwner !== undefined && slackOwner !== p.email)
        tx.update(people).set({ slackUserId: null }).where(eq(people.id, p.id)).run();
      const teamsOwner = p.teams === null ? undefined : claimedTeams.get(p.teams);
      if (teamsOwner !== undefined && teamsOwner !== p.email)
        tx.update(people).set({ teamsAadObjectId: null }).where(eq(people.id, p.id)).run();
    }

    // Prepared once, run per row: building and preparing each statement anew was most of a 50,000-person
    // import (bench/import.ts).
    const write = preparedPersonWrites(tx);
    const writeAttributes = attributeWriter(tx, plan.attributeColumns);
    const fields = (r: PersonRecord) => ({
      name: r.name,
      unitId: unitId(r.unit),
      slackUserId: r.slackUserId,
      teamsAadObjectId: r.teamsAadObjectId,
      locale: r.locale,
      timezone: r.timezone,
      phone: r.phone,
      channel: r.channel,
      updatedAt: now,
    });
    const addMemberships = (personId: string, r: PersonRecord) => {
      for (const led of r.leaderOf) write.leader.run({ unitId: unitId(led), personId });
      for (const role of r.roles) write.role.run({ personId, role });
      writeAttributes(personId, r.attributes);
    };

    for (const row of plan.add) {
      const id = newId<PersonId>("person");
      write.insert.run({ id, orgId, email: row.email, createdAt: now, ...fields(row) });
      addMemberships(id, row);
    }
    for (const { row } of plan.update) {
      const id = idByEmail.get(row.email);
      if (id === undefined) throw new Error("person vanished during import");
      // drizzle's update takes no placeholders: built per row, still one statement without a lookup.
      tx.update(people)
        .set({ ...fields(row), active: true })
        .where(eq(people.id, id))
        .run();
      write.clearLeaders.run({ personId: id });
      write.clearRoles.run({ personId: id });
      addMemberships(id, row);
    }
    if (plan.deactivate.length > 0) {
      const leaving = tx
        .select({ id: people.id })
        .from(people)
        .where(inArray(people.email, plan.deactivate))
        .all()
        .map((p) => p.id);
      tx.update(people).set({ active: false, updatedAt: now }).where(inArray(people.id, leaving)).run();
      // A leaver leads nothing and holds no role: no digest or comment may reach them.
      tx.delete(unitLeaders).where(inArray(unitLeaders.personId, leaving)).run();
      tx.delete(personRoles).where(inArray(personRoles.personId, leaving)).run();
    }
  });
}

/** The per-person statements of an import, with placeholders for the row's values. */
function preparedPersonWrites(tx: Store) {
  const p = sql.placeholder;
  const columns = {
    name: p("name"),
    unitId: p("unitId"),
    slackUserId: p("slackUserId"),
    teamsAadObjectId: p("teamsAadObjectId"),
    locale: p("locale"),
    timezone: p("timezone"),
    phone: p("phone"),
    channel: p("channel"),
    active: true,
    updatedAt: p("updatedAt"),
  };
  return {
    insert: tx
      .insert(people)
      .values({ id: p("id"), orgId: p("orgId"), email: p("email"), createdAt: p("createdAt"), ...columns })
      .prepare(),
    clearLeaders: tx
      .delete(unitLeaders)
      .where(eq(unitLeaders.personId, p("personId")))
      .prepare(),
    clearRoles: tx
      .delete(personRoles)
      .where(eq(personRoles.personId, p("personId")))
      .prepare(),
    leader: tx
      .insert(unitLeaders)
      .values({ unitId: p("unitId"), personId: p("personId") })
      .onConflictDoNothing()
      .prepare(),
    role: tx
      .insert(personRoles)
      .values({ personId: p("personId"), role: p("role") })
      .prepare(),
  };
}
