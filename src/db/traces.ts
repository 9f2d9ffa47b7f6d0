import type { Db } from "./open";

/**
 * DESIGN.md rule 2: once a draft has moved to the anonymous tables, no copy
 * of it may stay in the write-ahead log. A TRUNCATE checkpoint copies the
 * log's pages into the database file (where secure_delete has zeroed the
 * deleted rows) and empties the log. It must run outside any transaction.
 * Another connection still reading an older snapshot can hold it back: then
 * it reports false, and the caller tries again later (the scheduler's tick).
 */
export function truncateWal(db: Db): boolean {
  const sqlite = db.$client;
  if (!sqlite.open || sqlite.inTransaction || sqlite.memory) return false;
  const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
  return result !== undefined && result.busy === 0;
}
