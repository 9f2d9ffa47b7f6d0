import type Database from "better-sqlite3";

/**
 * Tells whether the database may have changed, for what a process keeps in memory between taps. Another
 * connection's commit (the CLI closing a round) changes `PRAGMA data_version`; this connection's own
 * writes (the scheduler, the dashboard) change `total_changes()`. Both are counters read in about a
 * microsecond, prepared once.
 */
export class ChangeWatch {
  private readonly version: Database.Statement<[], number>;
  private readonly changes: Database.Statement<[], number>;
  /** The counters what the caller keeps is true for. */
  private valid: { version: number; changes: number } | null = null;
  /** data_version as the current transaction saw it: what settle() may keep. */
  private seen: number | null = null;

  constructor(sqlite: Database.Database) {
    this.version = sqlite.prepare<[], number>("PRAGMA data_version").pluck();
    this.changes = sqlite.prepare<[], number>("SELECT total_changes()").pluck();
  }

  /**
   * True while nothing was written since the last call or settle(). False means: drop what you kept;
   * what you read from now on is true for the database as it is now.
   */
  unchanged(): boolean {
    const version = this.version.get() as number;
    const changes = this.changes.get() as number;
    this.seen = version;
    const v = this.valid;
    if (v !== null && v.version === version && v.changes === changes) return true;
    this.valid = { version, changes };
    return false;
  }

  /**
   * Runs `write`, a write of this connection that changes nothing the caller keeps (a Teams tap's
   * conversation reference). What was still true before it stays true after it, unless another
   * connection's commit showed up meanwhile.
   */
  aside<T>(write: () => T): T {
    const before = { version: this.version.get() as number, changes: this.changes.get() as number };
    const result = write();
    const v = this.valid;
    const version = this.version.get() as number;
    if (v !== null && v.version === before.version && v.changes === before.changes && version === v.version) {
      this.valid = { version, changes: this.changes.get() as number };
    }
    return result;
  }

  /**
   * After the caller's own write transaction, whose writes it knows leave what it keeps true (a tap's
   * draft). Keeps the data_version read inside that transaction, not a later one: another process's
   * commit right after ours must still count as a change.
   */
  settle(): void {
    if (this.seen === null) return;
    this.valid = { version: this.seen, changes: this.changes.get() as number };
    this.seen = null;
  }
}
