import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { SurveyBot } from "../../src/bot/survey";
import { storeBuiltins } from "../../src/db/instrument-store";
import { MIGRATIONS_FOLDER, openDatabase } from "../../src/db/open";
import * as schema from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

const ORG = csv(["ola@fjord.example,Ola,Fjord AS > Drift,,,,,,", "kari@fjord.example,Kari,Fjord AS > Drift,,,,,,"]);
const FIRST_CLUSTERED = "0020_drafts_without_rowid";

/** The migrations as they were before drafts and answers became clustered tables. */
function migrationsBefore(): string {
  const dir = join(tempDir(), "migrations");
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const file = join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(file, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === FIRST_CLUSTERED);
  expect(at).toBeGreaterThan(0);
  writeFileSync(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

describe("drafts, answers and factor means as clustered tables (migrations 0020, 0021)", () => {
  it("keeps a survey half answered before the upgrade and one sent, and the person goes on where they left off", () => {
    const path = join(tempDir(), "pulsen.db");
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    old.pragma("foreign_keys = ON");
    const db = drizzle(old, { schema });
    migrate(db, { migrationsFolder: migrationsBefore() });
    const window = { start: 0, end: 1440, weekdaysOnly: false };
    storeBuiltins(db, builtinInstruments(), clock);
    importOrgCsv(db, new TextEncoder().encode(ORG), { dryRun: false, clock });
    const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all" as const, window };
    const { id: seriesId } = createSeries(
      db,
      { ...series, cadence: "0 9 1 * *", openDays: 14, reminderDays: [3] },
      clock.now(),
    );
    const roundId = db.transaction((tx) =>
      openRound(tx, getSeries(tx, seriesId), null, clock.now(), { platforms: new Set(["webchat"]) }),
    );
    const items = db.select().from(schema.rounds).where(eq(schema.rounds.id, roundId)).get()!.itemIds!;
    const [first, second] = items;
    const id = (email: string) => db.select().from(schema.people).where(eq(schema.people.email, email)).get()!.id;
    const [ola, kari] = [id("ola@fjord.example"), id("kari@fjord.example")];
    const bot = new SurveyBot(db, clock, 5, silentLogger());
    clock.advance(5000);
    bot.handle(ola, { a: "answer", r: roundId, i: first!, v: 4 });
    // Kari sends hers: a response with its answers and factor means.
    for (const [n, item] of items.entries()) {
      clock.advance(5000);
      bot.handle(kari, { a: "answer", r: roundId, i: item, v: ((n % 5) + 1) as 1 });
    }
    clock.advance(5000);
    bot.handle(kari, { a: "skip_comment", r: roundId });
    const sent = (sqlite: Database.Database) => ({
      answers: sqlite.prepare("SELECT response_id, item_id, value FROM answers ORDER BY 1, 2").all(),
      means: sqlite.prepare("SELECT response_id, factor_id, mean FROM response_factors ORDER BY 1, 2").all(),
    });
    const before = sent(old);
    expect(before.answers).toHaveLength(items.length);
    expect(before.means.length).toBeGreaterThan(0);
    old.close();

    const upgraded = openDatabase(path);
    const tables = upgraded.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    const clustered = tables.filter((t) => t.sql.endsWith("WITHOUT ROWID")).map((t) => t.name);
    expect(clustered.sort()).toEqual(["answers", "draft_answers", "draft_appreciations", "drafts", "response_factors"]);
    expect(sent(upgraded.sqlite)).toEqual(before);
    expect(upgraded.sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(upgraded.db.select().from(schema.draftAnswers).all()).toEqual([
      { roundId, personId: ola, itemId: first, value: 4 },
    ]);
    // The next tap takes the second statement, the one on Ola's screen before the upgrade.
    clock.advance(5000);
    const reply = new SurveyBot(upgraded.db, clock, 5, silentLogger()).handle(ola, {
      a: "answer",
      r: roundId,
      i: second!,
      v: 2,
    });
    expect(reply.update?.ref).toBe(`survey:${roundId}`);
    expect(upgraded.db.select().from(schema.draftAnswers).all()).toHaveLength(2);
    // A person who leaves takes their draft with them (the cascade still reaches the clustered tables).
    upgraded.db.delete(schema.people).where(eq(schema.people.id, ola)).run();
    expect(upgraded.db.select().from(schema.drafts).all()).toEqual([]);
    expect(upgraded.db.select().from(schema.draftAnswers).all()).toEqual([]);
    // And a response deleted (retention) takes its answers and factor means (the cascade by response id).
    upgraded.db.delete(schema.responses).run();
    expect(sent(upgraded.sqlite)).toEqual({ answers: [], means: [] });
    upgraded.close();
  });
});
