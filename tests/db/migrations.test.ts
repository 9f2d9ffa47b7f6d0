import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/open";
import { tempDir } from "../helpers/tmp";

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as Journal;

describe("migrations", () => {
  it("are numbered in order with increasing timestamps, so none is skipped", () => {
    // drizzle applies only migrations created after the last applied one:
    // an entry with an older timestamp than its predecessor would never run.
    journal.entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      expect(entry.tag.startsWith(String(i).padStart(4, "0"))).toBe(true);
      if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });

  it("has one SQL file per journal entry and no stray ones", () => {
    const files = readdirSync(MIGRATIONS_FOLDER)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });

  it("cover the whole schema: drizzle-kit generates nothing new", () => {
    const out = join(tempDir(), "migrations");
    cpSync(MIGRATIONS_FOLDER, out, { recursive: true });
    const bin = join(process.cwd(), "node_modules/.bin/drizzle-kit");
    // drizzle-kit check prefixes "./" to the out folder, so it must be relative.
    const env = { ...process.env, DRIZZLE_OUT: relative(process.cwd(), out) };
    execFileSync(bin, ["check"], { env, stdio: "pipe" });
    const printed = execFileSync(bin, ["generate"], { env, stdio: "pipe" }).toString();
    expect(printed).toMatch(/No schema changes/);
    expect(readdirSync(out).filter((f) => f.endsWith(".sql")).length).toBe(journal.entries.length);
  });
});
