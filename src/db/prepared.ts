import type Database from "better-sqlite3";
import type { Db } from "./open";

type Build = (db: Db) => unknown;
const statements = new WeakMap<Database.Database, Map<Build, unknown>>();

/**
 * A statement built and compiled once per connection, then kept: building a query with drizzle and
 * compiling it in SQLite costs about ten times running it (a person lookup: 49 µs against 4 µs), and a
 * click runs about ten. `build` is a module-level function (its identity names the statement) that
 * returns a drizzle `.prepare()`d query with `sql.placeholder` for what varies. A prepared statement
 * runs inside a transaction of the same connection too (better-sqlite3 has one connection per Db).
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  let mine = statements.get(db.$client);
  if (mine === undefined) {
    mine = new Map();
    statements.set(db.$client, mine);
  }
  let statement = mine.get(build) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    mine.set(build, statement);
  }
  return statement;
}
