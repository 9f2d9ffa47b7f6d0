import { createHash } from "node:crypto";
import type { Db } from "../../src/db/open";

/** Every table's rows, hashed: equal before and after a request means it wrote nothing. */
export function tableChecksum(db: Db): string {
  const hash = createHash("sha256");
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' order by name").all();
  for (const { name } of tables as { name: string }[])
    hash.update(name).update(JSON.stringify(db.$client.prepare(`select * from "${name}"`).raw().all()));
  return hash.digest("hex");
}
