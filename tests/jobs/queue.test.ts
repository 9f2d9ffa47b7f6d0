import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import { jobs } from "../../src/db/schema";
import { JobRunner, enqueueJob, parkedJobs } from "../../src/jobs/queue";
import { testDatabase } from "../helpers/db";
import { silentLogger } from "../helpers/world";

const start = "2026-11-23T09:00:00Z";

describe("durable jobs", () => {
  it("runs a job when it falls due, once", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    const ran: string[] = [];
    const runner = new JobRunner(db, clock, { hello: (_tx, p) => ran.push((p as { who: string }).who) }, silentLogger());
    expect(enqueueJob(db, { kind: "hello", dueAt: new Date("2026-11-23T10:00:00Z"), payload: { who: "a" }, key: "k1" }, clock.now())).toBe(true);
    expect(enqueueJob(db, { kind: "hello", dueAt: new Date("2026-11-23T10:00:00Z"), payload: { who: "a" }, key: "k1" }, clock.now())).toBe(false);
    expect(runner.runDue()).toBe(0);
    clock.set("2026-11-23T10:00:00Z");
    expect(runner.runDue()).toBe(1);
    expect(runner.runDue()).toBe(0);
    expect(ran).toEqual(["a"]);
  });

  it("runs work that fell due while the process was down exactly once after restart", () => {
    const first = testDatabase();
    const clock = new ManualClock(start);
    for (let i = 0; i < 5; i++) enqueueJob(first.db, { kind: "tick", dueAt: new Date(`2026-11-23T1${i}:00:00Z`), payload: { i }, key: `t${i}` }, clock.now());
    first.close(); // the process dies; three days pass
    clock.set("2026-11-26T09:00:00Z");
    const reopened = openDatabase(first.path);
    const ran: number[] = [];
    const runner = new JobRunner(reopened.db, clock, { tick: (_tx, p) => ran.push((p as { i: number }).i) }, silentLogger());
    runner.runDue();
    runner.runDue();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
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
        flaky: (tx) => {
          calls++;
          enqueueJob(tx, { kind: "side", dueAt: clock.now(), payload: {}, key: `side-${calls}` }, clock.now());
          throw new Error("platform said no");
        },
      },
      silentLogger(),
      { maxAttempts: 3, random: () => 0.5 },
    );
    enqueueJob(db, { kind: "flaky", dueAt: clock.now(), payload: {}, key: "f" }, clock.now());
    runner.runDue();
    const after1 = db.select().from(jobs).where(eq(jobs.idempotencyKey, "f")).get()!;
    expect(after1).toMatchObject({ status: "pending", attempts: 1, lastError: "platform said no" });
    expect(after1.dueAt.getTime() - clock.now().getTime()).toBe(30_000);
    expect(db.select().from(jobs).where(eq(jobs.kind, "side")).all()).toEqual([]); // rolled back
    clock.advance(30_000);
    runner.runDue();
    expect(db.select().from(jobs).where(eq(jobs.idempotencyKey, "f")).get()!.dueAt.getTime() - clock.now().getTime()).toBe(60_000);
    clock.advance(60_000);
    runner.runDue();
    expect(calls).toBe(3);
    expect(parkedJobs(db)).toMatchObject([{ idempotencyKey: "f", status: "parked", attempts: 3, lastError: "platform said no" }]);
    clock.advance(3_600_000);
    runner.runDue();
    expect(calls).toBe(3);
  });

  it("parks a job nobody knows how to run", () => {
    const { db } = testDatabase();
    const clock = new ManualClock(start);
    const runner = new JobRunner(db, clock, {}, silentLogger(), { maxAttempts: 1 });
    enqueueJob(db, { kind: "mystery", dueAt: clock.now(), payload: {}, key: "m" }, clock.now());
    runner.runDue();
    expect(parkedJobs(db)[0]!.lastError).toBe('no handler for job kind "mystery"');
  });

  it("takes over a job whose runner died mid-run once its lease ends", () => {
    const { db, sqlite } = testDatabase();
    const clock = new ManualClock(start);
    enqueueJob(db, { kind: "work", dueAt: clock.now(), payload: {}, key: "w" }, clock.now());
    // A runner claimed it and died before finishing.
    sqlite.prepare("update jobs set status = 'running', attempts = 1, lease_until = ? where idempotency_key = 'w'").run(clock.now().getTime() + 60_000);
    let ran = 0;
    const runner = new JobRunner(db, clock, { work: () => void ran++ }, silentLogger());
    runner.runDue();
    expect(ran).toBe(0);
    clock.advance(60_000);
    runner.runDue();
    expect(ran).toBe(1);
  });
});
