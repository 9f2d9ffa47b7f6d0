import type Database from "better-sqlite3";
import type { Db, Store } from "./open";

type Build = (db: Db) => unknown;
const statements = new WeakMap<Database.Database, Map<Build, unknown>>();

/**
 * A statement built and compiled once per connection, then kept: building a query with drizzle and
 * compiling it in SQLite costs about ten times running it (a person lookup: 49 µs against 4 µs), and a
 * click runs about ten. `build` is a module-level function (its identity names the statement) that
 * returns a drizzle `.prepare()`d query with `sql.placeholder` for what varies. A prepared statement
 * runs inside a transaction of the same connection too (better-sqlite3 has one connection per Db).
 * Given a transaction handle instead (it does not name its connection), the statement is built for that
 * one call: callers on a hot path pass the Db they opened the transaction on.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T;
export function prepared<T>(db: Store, build: (db: Store) => T): T;
export function prepared<T>(db: Store, build: ((db: Db) => T) | ((db: Store) => T)): T {
  // Only the second overload takes a transaction handle, and its `build` takes one.
  if (!("$client" in db)) return (build as (db: Store) => T)(db);
  let mine = statements.get(db.$client);
  if (mine === undefined) {
    mine = new Map();
    statements.set(db.$client, mine);
  }
  let statement = mine.get(build as Build) as T | undefined;
  if (statement === undefined) {
    statement = (build as (db: Db) => T)(db);
    mine.set(build as Build, statement);
  }
  return statement;
}
