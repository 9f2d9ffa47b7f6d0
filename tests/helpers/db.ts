import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/open";
import { tempDir } from "./tmp";

const open: DatabaseHandle[] = [];
afterEach(() => {
  for (const h of open.splice(0)) if (h.sqlite.open) h.close();
});

let template: string | null = null;

/**
 * `path`, as a new database file with the real migrations applied: a copy of one this worker migrated
 * once (running every migration takes ~12 ms a file, a copy well under 1). openDatabase then finds
 * them all applied. Tests of a file's own first migration open an empty path themselves.
 */
export function migratedFile(path: string): string {
  if (template === null) {
    const dir = mkdtempSync(join(tmpdir(), "pulsen-template-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "template.db");
    // Closing the only connection checkpoints the log into the file: the copy is the whole database.
    openDatabase(file).close();
    template = file;
  }
  copyFileSync(template, path);
  return path;
}

/** A real SQLite file with the real migrations applied. */
export function testDatabase(): DatabaseHandle & { path: string } {
  const path = migratedFile(join(tempDir(), "pulsen.db"));
  const handle = openDatabase(path);
  open.push(handle);
  return { ...handle, path };
}
