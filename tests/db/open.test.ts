import { describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS, openDatabase } from "../../src/db/open";
import { testDatabase } from "../helpers/db";

describe("openDatabase", () => {
  it("uses WAL, enforces foreign keys and waits for locks", () => {
    const { sqlite } = testDatabase();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
  });

  it("refuses a person in a unit that does not exist", () => {
    const { sqlite } = testDatabase();
    sqlite.prepare("insert into organizations (id, name, created_at) values ('o_1', 'Org', 0)").run();
    expect(() =>
      sqlite
        .prepare(
          "insert into people (id, org_id, email, name, unit_id, created_at, updated_at) values ('p_1', 'o_1', 'a@b.no', 'A', 'u_missing', 0, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it("migrates an existing file again without changes", () => {
    const first = testDatabase();
    const tables = first.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all();
    first.close();
    const again = openDatabase(first.path);
    expect(again.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all()).toEqual(
      tables,
    );
    again.close();
  });
});
