import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import { invitations, jobs, outbox, people } from "../../src/db/schema";
import type { RoundId } from "../../src/core/ids";
import { sendReminders } from "../../src/rounds/remind";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { unreachable } from "../../src/rounds/status";
import { pulsen } from "../helpers/cli";
import { FakeSender } from "../helpers/fake-sender";
import { silentLogger } from "../helpers/world";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

const DAY = 86_400_000;
const slack = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" };

/** Seljord, a weekly series for everyone, and a round open now (Monday 23 Nov 2026, 10:00 in Oslo). */
async function withOpenRound() {
  const dir = tempDir();
  writeFileSync(join(dir, "org.csv"), SMALL_ORG);
  const clock = new ManualClock("2026-11-23T09:00:00Z");
  const env = { cwd: dir, databasePath: join(dir, "pulsen.db"), env: slack, clock };
  expect((await pulsen(["org", "import", "org.csv"], env)).code).toBe(0);
  const create = ["series", "create", "--name", "Puls", "--instrument", "quick-pulse", "--audience", "all"];
  const options = ["--cadence", "0 9 * * 1", "--open-days", "5", "--reminders", "2", "--all-days", "--json"];
  const { id: seriesId } = (await pulsen([...create, ...options], env)).json() as { id: string };
  const roundId = ((await pulsen(["round", "open", seriesId, "--json"], env)).json() as { id: string }).id;
  return { env, clock, roundId };
}

const reminders = (path: string, roundId: string) => {
  const db = openDatabase(path);
  const rows = db.db
    .select({ person: people.email })
    .from(outbox)
    .innerJoin(people, eq(people.id, outbox.personId))
    .where(and(eq(outbox.roundId, roundId), like(outbox.key, "%:remind%")))
    .all();
  db.close();
  return rows.map((r) => r.person).sort();
};

describe("pulsen round remind", () => {
  it("reminds only those who have not answered, once a day", async () => {
    const { env, clock, roundId } = await withOpenRound();
    // Kari has answered; the other four have not (Slack finds those without an id by e-mail).
    const db = openDatabase(env.databasePath);
    const kari = db.db.select({ id: people.id }).from(people).where(eq(people.email, "kari@seljord.example")).get()!;
    db.db.update(invitations).set({ completed: true }).where(eq(invitations.personId, kari.id)).run();
    db.close();

    const first = await pulsen(["round", "remind", roundId], env);
    expect([first.code, first.stdout]).toEqual([
      0,
      "Queued 4 reminders; the running server sends them in its send window.\n",
    ]);
    const fourOthers = ["aase", "ola", "per", "siv"].map((n) => `${n}@seljord.example`);
    expect(reminders(env.databasePath, roundId)).toEqual(fourOthers);

    clock.advance(3 * 3600_000);
    const again = await pulsen(["round", "remind", roundId], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `pulsen: a reminder for round ${roundId} already went out today at 10:00; the next can go tomorrow\n`,
    );
    expect(reminders(env.databasePath, roundId)).toEqual(fourOthers);

    // The plan's own reminder (day 2) still goes out: HR's was one more, not one of the plan's.
    const db2 = openDatabase(env.databasePath);
    const planned = db2.db.transaction((tx) => sendReminders(tx, roundId as RoundId, 1, clock.now()));
    db2.close();
    expect(planned).toBe(4);

    clock.advance(DAY);
    const tomorrow = await pulsen(["round", "remind", roundId, "--json"], env);
    expect(tomorrow.json()).toEqual({ id: roundId, queued: 4 });
    expect(reminders(env.databasePath, roundId)).toEqual(fourOthers.flatMap((e) => [e, e, e]));
  });

  it("does not say how many it reminded in a round of fewer than k: that would say how many answered", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    const env = {
      cwd: dir,
      databasePath: join(dir, "pulsen.db"),
      env: slack,
      clock: new ManualClock("2026-11-23T09:00:00Z"),
    };
    await pulsen(["org", "import", "org.csv"], env);
    const create = [
      "series",
      "create",
      "--name",
      "Liten",
      "--instrument",
      "quick-pulse",
      "--audience",
      "Seljord kommune > Helse og omsorg",
    ];
    const options = ["--cadence", "0 9 * * 1", "--open-days", "5", "--reminders", "2", "--json"];
    const { id } = (await pulsen([...create, ...options], env)).json() as { id: string };
    const roundId = ((await pulsen(["round", "open", id, "--json"], env)).json() as { id: string }).id;
    const r = await pulsen(["round", "remind", roundId], env);
    expect([r.code, r.stdout]).toEqual([0, "Reminders queued; the running server sends them in its send window.\n"]);
    expect(
      (
        await pulsen(["round", "remind", roundId, "--json"], { ...env, clock: new ManualClock("2026-11-24T09:00:00Z") })
      ).json(),
    ).toEqual({ id: roundId, queued: null });
  });

  it("refuses a round that is closed, unknown, or not a round id, and writes nothing", async () => {
    const { env, roundId } = await withOpenRound();
    expect((await pulsen(["round", "close", roundId], env)).code).toBe(0);
    const closed = await pulsen(["round", "remind", roundId], env);
    expect([closed.code, closed.stderr]).toEqual([1, `pulsen: round ${roundId} is not open\n`]);
    const unknown = await pulsen(["round", "remind", "r_0123456789abcdef"], env);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'pulsen: no round "r_0123456789abcdef"\n']);
    const odd = await pulsen(["round", "remind", "xyz"], env);
    expect([odd.code, odd.stderr]).toEqual([1, 'pulsen: round-id "xyz" is not a round id (r_…)\n']);
    expect(reminders(env.databasePath, roundId)).toEqual([]);
  });
});

describe("a reminder that cannot be delivered", () => {
  it("does not put the person in HR's unreachable list: only those who had not answered get one", async () => {
    const { env, clock, roundId } = await withOpenRound();
    const db = openDatabase(env.databasePath);
    const slackSide = new FakeSender(clock, "slack");
    const drainer = new OutboxDrainer(db.db, clock, { slack: slackSide }, silentLogger());
    await drainer.drainOnce();
    // Four now; Per's waits for the morning in New York.
    expect(slackSide.deliveries.filter((d) => d.kind === "invite")).toHaveLength(4);
    db.close();
    expect((await pulsen(["round", "remind", roundId], env)).code).toBe(0);
    const again = openDatabase(env.databasePath);
    const drainer2 = new OutboxDrainer(again.db, clock, { slack: slackSide }, silentLogger());
    slackSide.answerNext(
      ...Array.from({ length: 5 }, () => ({ kind: "undeliverable" as const, reason: "account_inactive" })),
    );
    await drainer2.drainOnce();
    const failed = again.db.select({ key: outbox.key }).from(outbox).where(eq(outbox.state, "undeliverable")).all();
    expect(failed.length).toBe(4);
    expect(failed.every((r) => r.key.includes(":remind-now:"))).toBe(true);
    expect(unreachable(again.db, roundId)).toEqual([]);
    again.close();
  });
});

describe("pulsen round extend", () => {
  it("moves the close, and the job that closes it, to a later day at the same time", async () => {
    const { env, roundId } = await withOpenRound();
    // The series' next round opens Monday 30 November and would close this one: not past that.
    const tooFar = await pulsen(["round", "extend", roundId, "--until", "2026-12-02"], env);
    expect([tooFar.code, tooFar.stderr]).toEqual([
      1,
      "pulsen: the series' next round opens 2026-11-30 and would close this one; extend to before then\n",
    ]);
    const r = await pulsen(["round", "extend", roundId, "--until", "2026-11-29", "--json"], env);
    expect(r.json()).toEqual({ id: roundId, closesAt: "2026-11-29T09:00:00.000Z" });
    const db = openDatabase(env.databasePath);
    const close = db.db
      .select()
      .from(jobs)
      .where(eq(jobs.idempotencyKey, `round:${roundId}:close`))
      .get()!;
    db.close();
    expect(close.dueAt.toISOString()).toBe("2026-11-29T09:00:00.000Z");
  });

  it.each([
    ["2026-11-27", "until must be after the current close (2026-11-28); to end the round early, close it"],
    ["2026-13-01", 'until must be a date as YYYY-MM-DD, such as 2026-12-05 (got "2026-13-01")'],
    ["next friday", 'until must be a date as YYYY-MM-DD, such as 2026-12-05 (got "next friday")'],
  ])("refuses --until %s and changes nothing", async (until, message) => {
    const { env, roundId } = await withOpenRound();
    const r = await pulsen(["round", "extend", roundId, "--until", until], env);
    expect([r.code, r.stderr]).toEqual([1, `pulsen: ${message}\n`]);
    const st = (await pulsen(["round", "status", roundId, "--json"], env)).json() as { closesAt: string };
    expect(st.closesAt).toBe("2026-11-28T09:00:00.000Z");
  });
});

describe("pulsen audit", () => {
  it("lists HR's actions newest first, with no answer and no name of anyone acted on", async () => {
    const { env, clock, roundId } = await withOpenRound();
    clock.advance(60_000);
    await pulsen(["round", "remind", roundId], env);
    clock.advance(60_000);
    await pulsen(["round", "extend", roundId, "--until", "2026-11-29"], env);
    clock.advance(60_000);
    await pulsen(["person", "forget", "per@seljord.example"], env);
    const entries = (await pulsen(["audit", "--json"], env)).json() as { action: string; via: string }[];
    expect(entries.map((e) => e.action)).toEqual([
      "person.forget",
      "round.extend",
      "round.remind",
      "round.open",
      "series.create",
      "org.import",
    ]);
    expect(entries.every((e) => e.via === "cli")).toBe(true);
    const text = (await pulsen(["audit"], env)).stdout;
    expect(text).toContain(`round.remind   ${roundId} queued=5`);
    expect(text).not.toMatch(/per@|Per Ødegård/);
  });
});
