import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/open";
import { tempDir } from "../helpers/tmp";

describe("the backfill of responses.finished (migration 0013)", () => {
  it("marks as unfinished, per round and unit, as many responses as had no finished invitation", () => {
    const dir = tempDir();
    // The migrations up to 0012, as a database from before the backfill has them.
    const before = join(dir, "migrations");
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    // Everything from 0013 on: drizzle runs only migrations newer than the last one applied.
    for (const f of readdirSync(before)) if (f.endsWith(".sql") && f >= "0013") rmSync(join(before, f));
    const journalFile = join(before, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0013");
    writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = new Database(join(dir, "old.db"));
    sqlite.pragma("foreign_keys = OFF");
    migrate(drizzle(sqlite), { migrationsFolder: before });
    const insert = (sql: string) => sqlite.prepare(sql).run();
    insert("insert into organizations (id, name, created_at) values ('o_1', 'Org', 0)");
    insert("insert into units (id, org_id, name, path, depth, created_at) values ('u_a', 'o_1', 'A', 'Org > A', 1, 0)");
    insert(
      "insert into people (id, org_id, email, name, unit_id, created_at, updated_at) values ('p_1', 'o_1', 'a@x', 'A', 'u_a', 0, 0), ('p_2', 'o_1', 'b@x', 'B', 'u_a', 0, 0), ('p_3', 'o_1', 'c@x', 'C', 'u_a', 0, 0)",
    );
    insert(
      "insert into series (id, org_id, name, instrument_id, cadence, open_days, reminder_days, max_reminders, window_start, window_end, weekdays_only, status, created_at) values ('s_1', 'o_1', 'S', 'quick-pulse', '0 9 1 * *', 7, '[]', 0, 0, 1440, 0, 'active', 0)",
    );
    insert(
      "insert into rounds (id, series_id, instrument_id, status, created_at) values ('r_1', 's_1', 'quick-pulse', 'closed', 0)",
    );
    // Two sent the survey; a third was stored unfinished at the close.
    insert(
      "insert into invitations (round_id, person_id, unit_id, completed) values ('r_1', 'p_1', 'u_a', 1), ('r_1', 'p_2', 'u_a', 1), ('r_1', 'p_3', 'u_a', 0)",
    );
    insert(
      "insert into responses (id, round_id, unit_id) values (11, 'r_1', 'u_a'), (12, 'r_1', 'u_a'), (13, 'r_1', 'u_a')",
    );
    migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
    const rows = sqlite
      .prepare("select finished, count(*) as n from responses group by finished order by finished")
      .all();
    expect(rows).toEqual([
      { finished: 0, n: 1 },
      { finished: 1, n: 2 },
    ]);
    sqlite.close();
  });
});
