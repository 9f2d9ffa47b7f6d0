import { existsSync, readFileSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import { loadConfig } from "../../src/config";
import {
  answers,
  comments,
  jobs,
  organizations,
  people,
  responseFactors,
  responses,
  roundSnapshots,
  units,
} from "../../src/db/schema";
import { createSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { answerAs } from "../helpers/answering";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { getJson, signIn } from "../helpers/dashboard-org";
import { silentLogger, world } from "../helpers/world";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const ORG = csv([
  "hr@ret.example,Hanne HR,Org,,hr,,,,",
  "lead.a@ret.example,Leder A,Org > A,Org > A,,,,,",
  ...Array.from({ length: 6 }, (_, i) => `a${i}@ret.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `b${i}@ret.example,B ${i},Org > B,,,,,,`),
  ...Array.from({ length: 2 }, (_, i) => `c${i}@ret.example,C ${i},Org > C,,,,,,`),
]);
const SERIES = {
  name: "Puls",
  instrumentId: "quick-pulse",
  audience: "all",
  cadence: "0 9 1 1 *",
  openDays: 30,
  reminderDays: [],
  window: { start: 0, end: 1440, weekdaysOnly: false },
};
const HIDDEN = { includesSubunits: true, suppressed: true };
const COMMENT = (round: string, n: number) => `Retention-QZV-${round}-${n}: mer tid til opplæring`;

describe("retention (RETENTION_MONTHS)", () => {
  it("deletes an old round's answers and comments from the file while its reports, trends and digest stay", async () => {
    const w = world({ start: "2025-01-06T09:00:00Z", org: ORG });
    w.db.update(organizations).set({ demo: false }).run();
    const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
    const env = { RETENTION_MONTHS: "12" };
    const cli = async (...args: string[]) => pulsen(args, { databasePath: w.path, clock: w.clock, env });
    const json = async (...args: string[]) => (await cli(...args, "--json")).json() as Record<string, unknown>;
    const everyone = w.db.select({ id: people.id, email: people.email }).from(people).all();
    const { id: seriesId } = createSeries(w.db, { ...SERIES }, w.clock.now());
    const round = async (name: string, shift: number) => {
      const roundId = (await json("round", "open", seriesId)).id as string;
      everyone.forEach((p, n) => {
        const value = (item: string) => ((((n + shift) * 7 + item.length * 3) % 5) + 1) as 1 | 2 | 3 | 4 | 5;
        answerAs(bot, w.clock, p.id, roundId, { statements: 30, value, send: true, comment: COMMENT(name, n) });
      });
      await json("round", "close", roundId);
      return roundId;
    };
    const oldRound = await round("old", 0);
    w.clock.set("2025-07-07T09:00:00Z");
    const newRound = await round("new", 2);
    w.clock.set("2026-03-02T09:00:00Z");

    const unitA = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org > A")).get()!.id;
    const leadA = everyone.find((p) => p.email === "lead.a@ret.example")!.id;
    const surfaces = async () => {
      const { hr } = await serve();
      const server = running!;
      const results = await getJson(server, `/api/rounds/${oldRound}/results`, hr);
      const insights = await getJson(server, `/api/rounds/${oldRound}/insights`, hr);
      const newer = await getJson(server, `/api/rounds/${newRound}/results`, hr);
      const digest = server.bot.compose({ kind: "digest", roundId: oldRound, unitId: unitA }, leadA);
      await server.stop();
      running = null;
      return {
        cli: [await json("report", oldRound), await json("report", oldRound, "--unit", "Org > A")],
        newerCli: await json("report", newRound, "--unit", "Org > A"),
        api: { results: results.body, insights: insights.body, newer: newer.body },
        digest,
      };
    };
    const serve = async () => {
      running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: w.path, ...env }), silentLogger(), w.clock, {
        tick: null,
      });
      return { hr: await signIn(running, "hr@ret.example") };
    };
    const before = await surfaces();
    // A shown report with real figures, and a trend in the newer round: the comparison is not vacuous.
    expect(before.cli[1]).toMatchObject({ suppressed: false, responses: 7 });
    expect(JSON.stringify(before.newerCli)).toMatch(/"trend":-?\d/);
    const rowsOf = (roundId: string) => {
      const ids = w.db.select({ id: responses.id }).from(responses).where(eq(responses.roundId, roundId)).all();
      const list = ids.map((r) => r.id);
      return {
        answers: w.db.select().from(answers).where(inArray(answers.responseId, list)).all().length,
        factors: w.db.select().from(responseFactors).where(inArray(responseFactors.responseId, list)).all().length,
        comments: w.db.select().from(comments).where(eq(comments.roundId, roundId)).all().length,
      };
    };
    const newRows = rowsOf(newRound);
    expect(rowsOf(oldRound).comments).toBe(16);

    const dry = await json("retention", "apply", "--dry-run");
    expect(dry).toMatchObject({ dryRun: true, months: 12, rounds: [{ roundId: oldRound, comments: 16 }] });
    expect(rowsOf(oldRound).comments).toBe(16);

    const applied = await cli("retention", "apply");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`comments of ${oldRound} (closed 2025-01-06)`);
    expect(rowsOf(oldRound)).toEqual({ answers: 0, factors: 0, comments: 0 });
    // The snapshot keeps only what was shown: a hidden unit as its name and invited count, no n below k.
    const snap = w.db.select().from(roundSnapshots).where(eq(roundSnapshots.roundId, oldRound)).get()!;
    const unitC = w.db.select({ id: units.id }).from(units).where(eq(units.path, "Org > C")).get()!.id;
    expect(snap.reports[unitC]).toEqual({
      round: oldRound,
      unit: "Org > C",
      includesSubunits: true,
      invited: 2,
      suppressed: true,
      reason: "below_threshold",
    });
    const counts = [...JSON.stringify(snap).matchAll(/"(?:n|responses)":(\d+)/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.filter((n) => n < 5)).toEqual([]);
    expect(rowsOf(newRound)).toEqual(newRows);
    // No byte of an old comment in the file or its log; the newer round's are still there.
    const files = [w.path, `${w.path}-wal`].filter(existsSync);
    const inFiles = (text: string) => files.some((f) => readFileSync(f).includes(text));
    for (let n = 0; n < everyone.length; n++) expect(inFiles(COMMENT("old", n))).toBe(false);
    expect(inFiles(COMMENT("new", 0))).toBe(true);

    const after = await surfaces();
    // The same figures everywhere; only the comments are gone (the dashboard offers none any more).
    const old = JSON.stringify(before.api.results);
    expect(old).toContain('"comments":true');
    expect(after.api.results).toEqual(JSON.parse(old.replaceAll('"comments":true', '"comments":false')));
    expect({ ...after, api: { ...after.api, results: null } }).toEqual({
      ...before,
      api: { ...before.api, results: null },
    });
    // A larger k later hides more of the snapshot, never shows more.
    const stricter = { databasePath: w.path, clock: w.clock, env: { ...env, ANONYMITY_MIN: "8" } };
    const a8 = (await pulsen(["report", oldRound, "--unit", "Org > A", "--json"], stricter)).json();
    expect(a8).toEqual({ ...HIDDEN, round: oldRound, unit: "Org > A", invited: 7, reason: "below_threshold" });
    const org8 = (await pulsen(["report", oldRound, "--json"], stricter)).json();
    expect(org8).toMatchObject({ suppressed: false, responses: 16 });
    const gone = await cli("comments", oldRound, "--unit", "Org > A");
    expect(gone.stdout).toContain("comments were deleted with the round's answers");
    const audit = (await cli("audit", "--json")).json() as { action: string; via: string; details: unknown }[];
    expect(audit[0]).toMatchObject({ action: "retention.apply", via: "cli", details: { rounds: 1, comments: 16 } });

    // The daily job: queued at start, finds nothing more to delete, queues tomorrow's run.
    await serve();
    await running!.scheduler.tick();
    const queued = w.db.select().from(jobs).where(eq(jobs.kind, "retention.apply")).all();
    expect(queued.map((j) => [j.status, j.dueAt.toISOString()])).toEqual([
      ["done", "2026-03-02T09:00:00.000Z"],
      ["pending", "2026-03-03T03:00:00.000Z"],
    ]);
    expect(rowsOf(newRound)).toEqual(newRows);
  });
});
