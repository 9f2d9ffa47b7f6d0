import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import { jobs } from "../../src/db/schema";
import { JobRunner, enqueueJob, parkedJobs } from "../../src/jobs/queue";
import { testDatabase } from "../helpers/db";
import { silentLogger } from "../helpers/world";
import { capturedLogger } from "../helpers/log-lines";

const start = "2026-11-23T09:00:00Z";

describe("durable jobs", () => {
  it("runs a job when it falls due, once", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    const ran: string[] = [];
    const runner = new JobRunner(db, clock, { "round.close": (_tx, p) => ran.push(p.roundId) }, silentLogger());
    const job = { kind: "round.close", dueAt: new Date("2026-11-23T10:00:00Z"), payload: { roundId: "r_a" } } as const;
    expect(enqueueJob(db, job, clock.now())).toBe(true);
    expect(enqueueJob(db, job, clock.now())).toBe(false);
    expect(db.select({ key: jobs.idempotencyKey }).from(jobs).all()).toEqual([{ key: "round:r_a:close" }]);
    expect(runner.runDue()).toBe(0);
    clock.set("2026-11-23T10:00:00Z");
    expect(runner.runDue()).toBe(1);
    expect(runner.runDue()).toBe(0);
    expect(ran).toEqual(["r_a"]);
  });

  it("runs work that fell due while the process was down exactly once after restart", () => {
    const first = testDatabase();
    const clock = new ManualClock(start);
    for (let i = 0; i < 5; i++) {
      const dueAt = new Date(`2026-11-23T1${i}:00:00Z`);
      enqueueJob(first.db, { kind: "round.remind", dueAt, payload: { roundId: "r_a", index: i + 1 } }, clock.now());
    }
    first.close(); // the process dies; three days pass
    clock.set("2026-11-26T09:00:00Z");
    const reopened = openDatabase(first.path);
    const ran: number[] = [];
    const runner = new JobRunner(reopened.db, clock, { "round.remind": (_tx, p) => ran.push(p.index) }, silentLogger());
    runner.runDue();
    runner.runDue();
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    reopened.close();
  });

  it("rolls back a failed job's writes, retries with backoff, then parks it with its error", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    let calls = 0;
    const runner = new JobRunner(
      db,
      clock,
      {
        "round.close": (tx) => {
          calls++;
          const side = { kind: "round.closed", payload: { roundId: "r_a" }, key: `side-${calls}` } as const;
          enqueueJob(tx, { ...side, dueAt: clock.now() }, clock.now());
          throw new Error("platform said no");
        },
      },
      silentLogger(),
      { maxAttempts: 3, random: () => 0.5 },
    );
    enqueueJob(db, { kind: "round.close", dueAt: clock.now(), payload: { roundId: "r_a" }, key: "f" }, clock.now());
    runner.runDue();
    const after1 = db.select().from(jobs).where(eq(jobs.idempotencyKey, "f")).get()!;
    expect(after1).toMatchObject({ status: "pending", attempts: 1, lastError: "platform said no" });
    expect(after1.dueAt.getTime() - clock.now().getTime()).toBe(30_000);
    expect(db.select().from(jobs).where(eq(jobs.kind, "round.closed")).all()).toEqual([]); // rolled back
    clock.advance(30_000);
    runner.runDue();
    expect(
      db.select().from(jobs).where(eq(jobs.idempotencyKey, "f")).get()!.dueAt.getTime() - clock.now().getTime(),
    ).toBe(60_000);
    clock.advance(60_000);
    runner.runDue();
    expect(calls).toBe(3);
    expect(parkedJobs(db)).toMatchObject([
      { idempotencyKey: "f", status: "parked", attempts: 3, lastError: "platform said no" },
    ]);
    clock.advance(3_600_000);
    runner.runDue();
    expect(calls).toBe(3);
  });

  it("parks a job nobody here knows how to run", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    const runner = new JobRunner(db, clock, {}, silentLogger(), { maxAttempts: 1 });
    enqueueJob(db, { kind: "round.nudge", dueAt: clock.now(), payload: { roundId: "r_a" } }, clock.now());
    runner.runDue();
    expect(parkedJobs(db)[0]!.lastError).toBe('no handler for job kind "round.nudge"');
  });

  it("parks at once, without running it or crashing the pass, a job whose kind or payload does not parse", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    const { lines, logger } = capturedLogger();
    const ran: string[] = [];
    const runner = new JobRunner(db, clock, { "round.close": (_tx, p) => ran.push(p.roundId) }, logger);
    // Rows as an older version, or a hand edit, could have left them.
    const now = clock.now();
    const at = { dueAt: now, createdAt: now };
    const row = (kind: string, payload: unknown, key: string) => ({ kind, payload, idempotencyKey: key, ...at });
    const bad = row("round.close", { roundId: 42, secret: "never logged" }, "bad");
    db.insert(jobs)
      .values([row("mystery", {}, "m"), bad, row("round.close", { roundId: "r_ok" }, "ok")])
      .run();
    expect(runner.runDue()).toBe(3);
    expect(ran).toEqual(["r_ok"]);
    expect(parkedJobs(db).map((j) => [j.idempotencyKey, j.attempts, j.lastError])).toEqual([
      ["m", 1, 'unknown job kind "mystery"'],
      ["bad", 1, 'unreadable payload for job kind "round.close" (roundId: invalid_type)'],
    ]);
    expect(lines.filter((l) => l.includes("does not parse"))).toHaveLength(2);
    expect(lines.join("")).not.toContain("never logged");
  });

  it("takes over a job whose runner died mid-run once its lease ends", () => {
    const { db, sqlite } = testDatabase();
    const clock = new ManualClock(start);
    enqueueJob(db, { kind: "round.close", dueAt: clock.now(), payload: { roundId: "r_a" }, key: "w" }, clock.now());
    // A runner claimed it and died before finishing.
    sqlite
      .prepare("update jobs set status = 'running', attempts = 1, lease_until = ? where idempotency_key = 'w'")
      .run(clock.now().getTime() + 60_000);
    let ran = 0;
    const runner = new JobRunner(db, clock, { "round.close": () => void ran++ }, silentLogger());
    runner.runDue();
    expect(ran).toBe(0);
    clock.advance(60_000);
    runner.runDue();
    expect(ran).toBe(1);
  });
});
