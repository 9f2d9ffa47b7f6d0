import { existsSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import type { Db } from "./open";

/**
 * DESIGN.md rule 2: once a draft has moved to the anonymous tables, no copy
 * of it may stay in the write-ahead log. A TRUNCATE checkpoint copies the
 * log's pages into the database file (where secure_delete has zeroed the
 * deleted rows) and empties the log. It must run outside any transaction.
 * Another connection still reading an older snapshot can hold it back: then
 * it reports false, and the scheduler's next tick, which empties any log it
 * finds (walHasFrames), tries again — also for a CLI command's truncation.
 */
export function truncateWal(db: Db): boolean {
  const sqlite = db.$client;
  if (!sqlite.open || sqlite.memory || sqlite.inTransaction) return false;
  return checkpointTruncate(sqlite);
}

function checkpointTruncate(sqlite: Database.Database): boolean {
  // Never wait for another connection's reader here (that would stall a tap's reply): the tick retries.
  const wait = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    return result !== undefined && result.busy === 0;
  } finally {
    sqlite.pragma(`busy_timeout = ${wait}`);
  }
}

/** Whether the write-ahead log holds anything (it is empty right after a truncation). */
export function walHasFrames(db: Db): boolean {
  const sqlite = db.$client;
  if (!sqlite.open || sqlite.memory) return false;
  const wal = `${sqlite.name}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}
