import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import {
  actionPlans,
  draftAnswers,
  drafts,
  invitations,
  measures,
  people,
  responses,
  rounds,
  units,
} from "../../src/db/schema";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { type RunningServer, startServer } from "../../src/server/start";
import { answerAs } from "../helpers/answering";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { getJson, signIn } from "../helpers/dashboard-org";
import { roundOnFile } from "../helpers/round-on-file";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

const ROSTER = csv([
  "hr@bak.example,Hanne HR,Org,Org,hr,,,,",
  ...Array.from({ length: 24 }, (_, i) => `p${i}@bak.example,P ${i},Org > ${i < 12 ? "A" : "B"},,,,,,`),
]);

const serve = async (path: string, clock: ManualClock) => {
  const s = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: path }), silentLogger(), clock, { tick: null });
  servers.push(s);
  return s;
};

/** `pulsen backup` as its own process, as an operator's cron job runs it beside the server. */
function backupProcess(databasePath: string, cwd: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(process.cwd(), "bin/pulsen.mjs"), "backup", "b.db"], {
    cwd,
    env: { ...process.env, DATABASE_PATH: databasePath },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

describe("pulsen backup while the server runs", () => {
  it("gives a copy that starts as the same Pulsen: organization, rounds, reports, plans; no drafts", async () => {
    const clock = new ManualClock("2026-11-23T09:00:00Z");
    const { path, roundId: closed } = roundOnFile({
      roster: ROSTER,
      platforms: new Set(["webchat"]),
      now: clock.now(),
    });
    const live = await serve(path, clock);
    const db = live.database.db;
    const everyone = db.select({ id: people.id }).from(people).all();
    // A closed round with answers, comments and a plan: its report must come back the same.
    for (const [n, p] of everyone.entries())
      if (n % 4 !== 3) answerAs(live.bot, clock, p.id, closed, { statements: 9, send: true, comment: `K ${n}` });
    const cli = (...args: string[]) => pulsen([...args, "--json"], { databasePath: path, clock });
    await cli("round", "close", closed);
    const hr = db.select().from(people).where(eq(people.email, "hr@bak.example")).get()!.id;
    const unitA = db.select().from(units).where(eq(units.path, "Org > A")).get()!.id;
    db.transaction((tx) => {
      const plan = ensurePlan(tx, closed, unitA, hr, clock.now());
      const measure = { text: "Faste møter", responsibleId: hr, deadline: new Date("2027-02-01"), factorId: null };
      addMeasure(tx, plan, measure, hr, clock.now());
    });
    const seriesId = db.select().from(rounds).where(eq(rounds.id, closed)).get()!.seriesId;
    const open = ((await cli("round", "open", seriesId)).json() as { id: string }).id;
    expect(db.select().from(drafts).all()).toHaveLength(0);

    // The next round fills while the backup runs: people send their answers, others stop half-way.
    const dir = tempDir();
    const running = backupProcess(path, dir);
    let done: { code: number | null; stderr: string } | null = null;
    void running.then((r) => {
      done = r;
    });
    let next = 0;
    let during = 0;
    while (done === null) {
      const p = everyone[next % everyone.length]!;
      if (next < everyone.length) {
        answerAs(live.bot, clock, p.id, open, { statements: next % 3 === 0 ? 2 : 9, send: next % 3 !== 0 });
        during++;
      }
      next++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(done).toEqual({ code: 0, stderr: "" });
    expect(during).toBeGreaterThan(0); // the server wrote while the copy was taken
    // Not vacuous: the running server holds drafts of those still answering.
    expect(db.select().from(drafts).all().length).toBeGreaterThan(0);

    const copy = join(dir, "b.db");
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const check = openDatabase(copy);
    expect(check.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    const count = (t: typeof drafts | typeof draftAnswers) =>
      check.db.select({ n: sql<number>`count(*)` }).from(t).get()!.n;
    expect([count(drafts), count(draftAnswers)]).toEqual([0, 0]);
    // Consistent: each sent survey is a response and a completed invitation, never one without the other.
    const sent = check.db.select().from(invitations).where(eq(invitations.roundId, open)).all();
    const answered = check.db.select().from(responses).where(eq(responses.roundId, open)).all();
    expect(answered.filter((r) => r.finished)).toHaveLength(sent.filter((i) => i.completed).length);
    check.close();

    // Restored: a server on the copy shows what the running one shows.
    const restored = await serve(copy, clock);
    const same = async (table: typeof people | typeof units | typeof rounds | typeof actionPlans | typeof measures) =>
      expect(restored.database.db.select().from(table).all()).toEqual(db.select().from(table).all());
    for (const t of [people, units, rounds, actionPlans, measures]) await same(t);
    const results = async (s: RunningServer) =>
      (await getJson(s, `/api/rounds/${closed}/results`, await signIn(s, "hr@bak.example"))).body;
    const shown = await results(live);
    expect(JSON.stringify(shown)).toMatch(/"unit":"Org","includesSubunits":true,"invited":25,"responses":19,/);
    expect(await results(restored)).toEqual(shown);
    const report = async (databasePath: string) =>
      (await pulsen(["report", closed, "--json"], { databasePath, clock })).json();
    expect(await report(copy)).toEqual(await report(path));
  });
});
