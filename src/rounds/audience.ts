import { and, eq, inArray, sql } from "drizzle-orm";
import type { Store } from "../db/open";
import { people, units } from "../db/schema";

/** A unit and every unit below it. */
export function subtreeUnitIds(store: Store, unitId: string): string[] {
  const rows = store.all<{ id: string }>(sql`
    with recursive tree(id) as (
      select ${unitId}
      union all
      select u.id from ${units} u join tree t on u.parent_id = t.id
    )
    select id from tree`);
  return rows.map((r) => r.id);
}

/** The active people a series reaches: a unit with its sub-units, or everyone (null). */
export function audience(store: Store, unitId: string | null) {
  const active = eq(people.active, true);
  const where = unitId === null ? active : and(active, inArray(people.unitId, subtreeUnitIds(store, unitId)));
  return store.select().from(people).where(where).all();
}
