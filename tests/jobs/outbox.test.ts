import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { outbox, people } from "../../src/db/schema";
import { importOrgCsv } from "../../src/org/import";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { enqueueMessage } from "../../src/jobs/outbox-queue";
import { csv } from "../helpers/csv";
import { testDatabase } from "../helpers/db";
import { FakeSender } from "../helpers/fake-sender";
import { silentLogger } from "../helpers/world";
import { capturedLogger } from "../helpers/log-lines";

// Tuesday 10:00 in Oslo: inside the default send window.
const TUESDAY_10 = "2026-11-24T09:00:00Z";

function setup(limits?: ConstructorParameters<typeof FakeSender>[2]) {
  const { db } = testDatabase();
  const clock = new ManualClock(TUESDAY_10);
  importOrgCsv(
    db,
    new TextEncoder().encode(
      csv(["a@x.example,A,Org,,,,,,", "b@x.example,B,Org,,,,,,", "ny@x.example,NY,Org,,,,,en,America/New_York"]),
    ),
    { dryRun: false, clock },
  );
  const id = (email: string) => db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const sender = new FakeSender(clock, "webchat", limits);
  const drainer = new OutboxDrainer(db, clock, { webchat: sender }, silentLogger(), {
    random: () => 0.5,
    maxAttempts: 3,
  });
  const queue = (key: string, personId: string, notBefore = clock.now()) =>
    enqueueMessage(
      db,
      { key, platform: "webchat", personId, intent: { kind: "notice", text: "hei" }, notBefore },
      clock.now(),
    );
  const row = (key: string) => db.select().from(outbox).where(eq(outbox.key, key)).get()!;
  return { db, clock, sender, drainer, queue, row, a: id("a@x.example"), b: id("b@x.example"), ny: id("ny@x.example") };
}

describe("outbox", () => {
  it("sends each key once, however often it is queued or drained", async () => {
    const t = setup();
    expect(t.queue("k1", t.a)).toBe(true);
    expect(t.queue("k1", t.a)).toBe(false);
    await t.drainer.drainOnce();
    await t.drainer.drainOnce();
    expect(t.sender.deliveries.map((d) => d.key)).toEqual(["k1"]);
    expect(t.row("k1")).toMatchObject({ state: "sent", platformMessageId: "m1", attempts: 1 });
  });

  it("holds a message outside the recipient's send window until it opens, in their zone", async () => {
    const t = setup();
    t.queue("early", t.ny); // 04:00 in New York
    const stats = await t.drainer.drainOnce();
    expect(stats.deferred).toBe(1);
    expect(t.row("early")).toMatchObject({ state: "pending", notBefore: new Date("2026-11-24T13:00:00Z") });
    t.clock.set("2026-11-24T13:00:00Z");
    await t.drainer.drainOnce();
    expect(t.sender.deliveries.map((d) => [d.key, d.at.toISOString()])).toEqual([
      ["early", "2026-11-24T13:00:00.000Z"],
    ]);
  });

  it("keeps to a conversation's rate and lets other conversations through", async () => {
    const t = setup({ platform: [], conversation: [{ capacity: 1, perMs: 1000 }] });
    t.queue("a1", t.a);
    t.queue("a2", t.a);
    t.queue("b1", t.b);
    const stats = await t.drainer.drainOnce();
    expect(t.sender.deliveries.map((d) => d.key)).toEqual(["a1", "b1"]);
    expect(stats.waitMs).toBe(1000);
    t.clock.advance(1000);
    await t.drainer.drainOnce();
    expect(t.sender.deliveries.map((d) => d.key)).toEqual(["a1", "b1", "a2"]);
  });

  it("honours 429 Retry-After for the whole platform without using up an attempt", async () => {
    const t = setup();
    t.queue("a1", t.a);
    t.queue("b1", t.b);
    t.sender.answerNext({ kind: "rate_limited", retryAfterMs: 30_000, scope: "platform" });
    await t.drainer.drainOnce();
    expect(t.sender.calls).toBe(1); // b1 was not tried while the platform said wait
    expect(t.row("a1")).toMatchObject({
      state: "pending",
      attempts: 0,
      notBefore: new Date(Date.parse(TUESDAY_10) + 30_000),
    });
    t.clock.advance(29_000);
    await t.drainer.drainOnce();
    expect(t.sender.calls).toBe(1);
    t.clock.advance(1_000);
    await t.drainer.drainOnce();
    expect(t.sender.deliveries.map((d) => d.key).sort()).toEqual(["a1", "b1"]);
  });

  it("retries a server error with growing backoff, then marks it failed with the reason", async () => {
    const t = setup();
    t.queue("a1", t.a);
    t.sender.answerNext(
      { kind: "retry", reason: "HTTP 503" },
      { kind: "retry", reason: "HTTP 502" },
      { kind: "retry", reason: "timeout" },
    );
    await t.drainer.drainOnce();
    expect(t.row("a1")).toMatchObject({ state: "pending", attempts: 1, reason: "HTTP 503" });
    t.clock.advance(30_000);
    await t.drainer.drainOnce();
    expect(t.row("a1").notBefore.getTime() - t.clock.now().getTime()).toBe(60_000);
    t.clock.advance(60_000);
    await t.drainer.drainOnce();
    expect(t.row("a1")).toMatchObject({ state: "failed", attempts: 3, reason: "timeout" });
    expect(t.sender.deliveries).toEqual([]);
  });

  it("marks a message undeliverable with the platform's reason and does not retry", async () => {
    const t = setup();
    t.queue("a1", t.a);
    t.sender.answerNext({ kind: "undeliverable", reason: "account_inactive" });
    await t.drainer.drainOnce();
    t.clock.advance(3_600_000);
    await t.drainer.drainOnce();
    expect(t.row("a1")).toMatchObject({ state: "undeliverable", reason: "account_inactive" });
    expect(t.sender.calls).toBe(1);
  });

  it("treats a sender that throws as a retry, not a crash", async () => {
    const t = setup();
    t.queue("a1", t.a);
    t.sender.send = async () => {
      throw new Error("socket hang up");
    };
    const stats = await t.drainer.drainOnce();
    expect(stats.retried).toBe(1);
    expect(t.row("a1")).toMatchObject({ state: "pending", reason: "socket hang up" });
  });

  it("fails a row whose stored intent does not parse, logs its key but not its text, and sends the rest", async () => {
    const { db } = testDatabase();
    const clock = new ManualClock(TUESDAY_10);
    importOrgCsv(db, new TextEncoder().encode(csv(["a@x.example,A,Org,,,,,,"])), { dryRun: false, clock });
    const a = db.select({ id: people.id }).from(people).where(eq(people.email, "a@x.example")).get()!.id;
    const { lines, logger } = capturedLogger();
    const sender = new FakeSender(clock, "webchat");
    const drainer = new OutboxDrainer(db, clock, { webchat: sender }, logger, { random: () => 0.5 });
    const now = clock.now();
    const at = { notBefore: now, createdAt: now };
    const row = (key: string, intent: unknown) => ({ key, intent, platform: "webchat" as const, personId: a, ...at });
    // As an older version, or a hand edit, could have left them.
    const odd = row("odd", { kind: "notice", txt: "private words" });
    const rows = [odd, row("gone", { kind: "telegram" }), row("ok", { kind: "notice", text: "hei" })];
    db.insert(outbox).values(rows).run();
    const stats = await drainer.drainOnce();
    expect(stats).toMatchObject({ sent: 1, failed: 2 });
    expect(sender.deliveries.map((d) => d.key)).toEqual(["ok"]);
    const state = (key: string) => db.select().from(outbox).where(eq(outbox.key, key)).get()!;
    expect(state("odd")).toMatchObject({ state: "failed", reason: "unreadable intent (text: invalid_type)" });
    expect(state("gone")).toMatchObject({ state: "failed", reason: "unreadable intent (kind: invalid_union)" });
    expect(lines.filter((l) => l.includes("does not parse"))).toHaveLength(2);
    expect(lines.join("")).not.toContain("private words");
  });
});
