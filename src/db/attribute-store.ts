import { and, eq, sql } from "drizzle-orm";
import type { Store } from "./open";
import { people, personAttributes } from "./schema";

/** Every person's attributes: personId → name → value. */
export function loadPersonAttributes(store: Store): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const a of store.select().from(personAttributes).all()) {
    const mine = out.get(a.personId) ?? {};
    mine[a.name] = a.value;
    out.set(a.personId, mine);
  }
  return out;
}

/**
 * Sets a person's values of the attributes a file carries (`columns`); a column left empty removes the
 * value, an attribute the file does not carry is left as it was. Prepared once per import, run per person
 * (as the import's other per-person statements: bench/import.ts).
 */
export function attributeWriter(tx: Store, columns: readonly string[]) {
  const p = sql.placeholder;
  const clear = tx
    .delete(personAttributes)
    .where(and(eq(personAttributes.personId, p("personId")), eq(personAttributes.name, p("name"))))
    .prepare();
  const insert = tx
    .insert(personAttributes)
    .values({ personId: p("personId"), name: p("name"), value: p("value") })
    .prepare();
  return (personId: string, values: Readonly<Record<string, string>>): void => {
    for (const name of columns) {
      clear.run({ personId, name });
      const value = values[name];
      if (value !== undefined) insert.run({ personId, name, value });
    }
  };
}

/** The attributes active people carry: how many have a value, and how many different values there are. */
export function attributeSummary(store: Store): { name: string; people: number; values: number }[] {
  return store.all<{ name: string; people: number; values: number }>(sql`
    select a.name as name, count(*) as people, count(distinct a.attribute_value) as "values"
    from ${personAttributes} a join ${people} p on p.id = a.person_id
    where p.active = 1 group by a.name order by a.name`);
}
