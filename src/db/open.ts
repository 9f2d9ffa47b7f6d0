import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { packagePath } from "../package-root";
import * as schema from "./schema";

/** The drizzle handle; `$client` is the better-sqlite3 connection underneath (pragmas, checkpoints). */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export const MIGRATIONS_FOLDER = packagePath("migrations");

/** How long a writer waits for another process's lock (CLI next to a running server). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * DESIGN.md rule 2: the database and its WAL and shared-memory files are
 * readable by their owner only. SQLite gives -wal and -shm the database
 * file's mode, so the file is created 0600 before SQLite first opens it.
 */
function ownerOnlyFiles(path: string): void {
  const file = resolve(path);
  const dir = dirname(file);
  // A folder we create is the owner's alone; an existing one (it may be /tmp) is not ours to change.
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
  }
}

/**
 * Opens (creating folder and file if needed) and migrates the SQLite database.
 * WAL lets the CLI read and write while the server runs; foreign keys are off
 * by default in SQLite and must be switched on per connection. secure_delete
 * zeroes deleted rows and freed pages, so a submitted draft leaves no bytes
 * behind in the file (DESIGN.md rule 2; the WAL: src/db/traces.ts).
 */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ":memory:") ownerOnlyFiles(path);
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite, close: () => sqlite.close() };
}

/** A transaction handle; stores take `Store` so they run inside or outside one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Store = Db | Tx;
