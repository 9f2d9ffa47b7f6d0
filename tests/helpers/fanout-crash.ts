import { spawn } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { invitations, organizations, outbox } from "../../src/db/schema";
import { syntheticOrgCsv } from "../../src/demo/synthetic-org";
import { builtinInstruments } from "../../src/instruments/catalog";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { createLogger } from "../../src/log";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { ChatStandIn } from "./chat-standin";
import { HttpSender } from "./http-sender";
import { workerArgs } from "./worker";

/** What a crash mid-fan-out left behind, for the test to judge and the bench to count. */
export interface CrashOutcome {
  /** Outbox rows the round queued before anything was sent. */
  queued: number;
  /** The signal the scheduler process died of. */
  signal: NodeJS.Signals | null;
  /** Messages the platform had when the scheduler died. */
  receivedAtCrash: number;
  /** PRAGMA integrity_check of the file right after the kill. */
  integrity: string;
  /** Outbox rows left in "sending" at restart (sent to the platform, not yet recorded). */
  inFlight: number;
  /** Every message the platform received, in order, before and after the restart. */
  received: { key: string; to: string }[];
  /** The people the round invited. */
  invited: string[];
  /** Outbox rows by state after the restart drained. */
  states: { state: string; n: number }[];
  /** Wall time of the restart's drain, in milliseconds. */
  recoveryMs: number;
}

/**
 * Opens a round for `people` people on a real SQLite file in `dir`, drains
 * its outbox in a scheduler process (tests/jobs/fanout-worker.ts, batches of
 * 50) that is SIGKILLed while the platform is handling message `killAt` (the
 * platform has it, the database does not know yet), then restarts on the same
 * file with a fresh drainer a few minutes later and drains to the end.
 * Imports nothing from vitest, so that npm run bench can run it too.
 */
export async function crashMidFanout(
  dir: string,
  o: { people: number; units: number; killAt: number },
): Promise<CrashOutcome> {
  const path = join(dir, "pulsen.db");
  const first = openDatabase(path);
  const now = new Date();
  storeBuiltins(first.db, builtinInstruments(), { now: () => now });
  importOrgCsv(first.db, new TextEncoder().encode(syntheticOrgCsv({ people: o.people, units: o.units, levels: 3 })), {
    dryRun: false,
    clock: { now: () => now },
  });
  // The stand-in sits in the web chat's slot, and the web chat reaches only the demo organization (rule 9).
  first.db.update(organizations).set({ demo: true }).run();
  const { id: seriesId } = createSeries(
    first.db,
    {
      name: "Puls",
      instrumentId: "quick-pulse",
      audience: "all",
      cadence: "0 9 * * 1",
      openDays: 7,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    now,
  );
  const roundId = first.db.transaction((tx) =>
    openRound(tx, getSeries(tx, seriesId), null, now, { platforms: new Set(["webchat"]) }),
  );
  const queued = first.db.select({ n: sql<number>`count(*)` }).from(outbox).get()!.n;
  first.close();

  const standIn = new ChatStandIn();
  await standIn.start();
  try {
    const worker = spawn(process.execPath, [...workerArgs("fanout-worker"), path, standIn.url], {
      stdio: "pipe",
    });
    standIn.onMessage = (count) => {
      if (count === o.killAt) worker.kill("SIGKILL");
    };
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_code, s) => resolve(s)));
    const receivedAtCrash = standIn.received.length;

    // Restart on the same file: a fresh drainer with nothing in memory, a few minutes later.
    const reopened = openDatabase(path);
    try {
      const integrity = String(reopened.sqlite.pragma("integrity_check", { simple: true }));
      const inFlight = reopened.db.select().from(outbox).where(eq(outbox.state, "sending")).all().length;
      const later = new ManualClock(new Date(now.getTime() + 5 * 60_000));
      const drainer = new OutboxDrainer(
        reopened.db,
        later,
        { webchat: new HttpSender(standIn.url) },
        createLogger("silent", new Writable({ write: (_c, _e, done) => done() })),
        { batch: 100 },
      );
      const began = performance.now();
      for (let i = 0; i < 20; i++) {
        const stats = await drainer.drainOnce();
        if (stats.sent === 0) break;
      }
      const recoveryMs = performance.now() - began;
      const invited = reopened.db
        .select({ personId: invitations.personId })
        .from(invitations)
        .where(eq(invitations.roundId, roundId))
        .all();
      const states = reopened.db
        .select({ state: outbox.state, n: sql<number>`count(*)` })
        .from(outbox)
        .groupBy(outbox.state)
        .all();
      return {
        queued,
        signal,
        receivedAtCrash,
        integrity,
        inFlight,
        received: [...standIn.received],
        invited: invited.map((i) => i.personId),
        states,
        recoveryMs,
      };
    } finally {
      reopened.close();
    }
  } finally {
    await standIn.stop();
  }
}
