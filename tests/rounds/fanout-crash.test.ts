import { spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { invitations, organizations, outbox } from "../../src/db/schema";
import { syntheticOrgCsv } from "../../src/demo/synthetic-org";
import { builtinInstruments } from "../../src/instruments/catalog";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { ChatStandIn } from "../helpers/chat-standin";
import { testDatabase } from "../helpers/db";
import { HttpSender } from "../helpers/http-sender";
import { silentLogger } from "../helpers/world";

const standIn = new ChatStandIn();
afterEach(() => standIn.stop());

describe("a 1,000-person fan-out", () => {
  it("survives the scheduler being killed mid-send: after restart everyone has exactly one invitation", async () => {
    const first = testDatabase();
    const now = new Date();
    storeBuiltins(first.db, builtinInstruments(), { now: () => now });
    importOrgCsv(first.db, new TextEncoder().encode(syntheticOrgCsv({ people: 1000, units: 40, levels: 3 })), { dryRun: false, clock: { now: () => now } });
    // The stand-in sits in the web chat's slot, and the web chat reaches only the demo organization (rule 9).
    first.db.update(organizations).set({ demo: true }).run();
    const { id: seriesId } = createSeries(
      first.db,
      { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 * * 1", openDays: 7, reminderDays: [3], window: { ...ALWAYS } },
      now,
    );
    const roundId = first.db.transaction((tx) => openRound(tx, getSeries(tx, seriesId), null, now, { platforms: new Set(["webchat"]) }));
    expect(first.db.select({ n: sql<number>`count(*)` }).from(outbox).get()!.n).toBe(1000);
    first.close();

    // The scheduler process dies while the platform is handling message 400:
    // the platform has it, the database does not know yet.
    await standIn.start();
    const worker = spawn(process.execPath, ["--import", "tsx", "tests/jobs/fanout-worker.ts", first.path, standIn.url], { stdio: "pipe" });
    standIn.onMessage = (count) => {
      if (count === 400) worker.kill("SIGKILL");
    };
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_code, signal) => resolve(signal)));
    expect(exit).toBe("SIGKILL");
    expect(standIn.received.length).toBe(400);

    // Restart on the same file: a fresh drainer with nothing in memory, a few minutes later.
    const reopened = openDatabase(first.path);
    const inFlight = reopened.db.select().from(outbox).where(eq(outbox.state, "sending")).all();
    expect(inFlight).toHaveLength(1);
    const later = new ManualClock(new Date(now.getTime() + 5 * 60_000));
    const drainer = new OutboxDrainer(reopened.db, later, { webchat: new HttpSender(standIn.url) }, silentLogger(), { batch: 100 });
    for (let i = 0; i < 20; i++) {
      const stats = await drainer.drainOnce();
      if (stats.sent === 0) break;
    }

    const keys = standIn.received.map((m) => m.key);
    expect(keys).toHaveLength(1000);
    expect(new Set(keys).size).toBe(1000);
    const invited = reopened.db.select({ personId: invitations.personId }).from(invitations).where(eq(invitations.roundId, roundId)).all();
    expect(new Set(standIn.received.map((m) => m.to))).toEqual(new Set(invited.map((i) => i.personId)));
    const states = reopened.db.select({ state: outbox.state, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.state).all();
    expect(states).toEqual([{ state: "sent", n: 1000 }]);
    reopened.close();
  });
});
