import { chmodSync, closeSync, openSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { PulsenError } from "../core/errors";

/**
 * A backup (DESIGN.md rule 2): a fresh copy with no free pages (VACUUM INTO
 * writes only live rows), readable by its owner only, and without the drafts
 * of people still answering: a copy must not keep a person beside their
 * answers after they have sent them. Restoring it, they start their draft over.
 */
export function writeBackup(sqlite: Database.Database, target: string): void {
  createEmptyOwnerOnly(target);
  sqlite.prepare("VACUUM INTO ?").run(target);
  const copy = new Database(target);
  try {
    // No journal file on disk holding the pages being cleared; secure_delete zeroes them, VACUUM drops them.
    copy.pragma("journal_mode = MEMORY");
    copy.pragma("temp_store = MEMORY");
    copy.pragma("secure_delete = ON");
    copy.exec("DELETE FROM draft_answers; DELETE FROM drafts; VACUUM;");
  } finally {
    copy.close();
  }
}

/**
 * The backup's file, made 0600 before SQLite writes into it (SQLite keeps an
 * existing file's mode). An existing empty file is used, made 0600 too; one
 * with content is never overwritten.
 */
function createEmptyOwnerOnly(target: string): void {
  try {
    closeSync(openSync(target, "wx", 0o600));
    return;
  } catch (e) {
    if (!(e instanceof Error && "code" in e && e.code === "EEXIST")) {
      const why = e instanceof Error ? e.message : String(e);
      throw new PulsenError("input_invalid", `cannot create ${target}: ${why}`, [], { cause: e });
    }
  }
  const st = statSync(target);
  if (!st.isFile() || st.size > 0) {
    throw new PulsenError("conflict", `${target} already exists; a backup never overwrites a file`);
  }
  chmodSync(target, 0o600);
}
