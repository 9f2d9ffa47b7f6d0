import { join } from "node:path";
import { afterEach } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/open";
import { tempDir } from "./tmp";

const open: DatabaseHandle[] = [];
afterEach(() => {
  for (const h of open.splice(0)) if (h.sqlite.open) h.close();
});

/** A real SQLite file with the real migrations applied. */
export function testDatabase(): DatabaseHandle & { path: string } {
  const path = join(tempDir(), "pulsen.db");
  const handle = openDatabase(path);
  open.push(handle);
  return { ...handle, path };
}
