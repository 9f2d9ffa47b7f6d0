import { Writable } from "node:stream";
import { ManualClock } from "../../src/core/clock";
import { storeBuiltins } from "../../src/db/instrument-store";
import type { DatabaseHandle } from "../../src/db/open";
import { organizations } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { JobRunner } from "../../src/jobs/queue";
import { Scheduler } from "../../src/jobs/scheduler";
import type { Platform } from "../../src/jobs/sender";
import { createLogger } from "../../src/log";
import { importOrgCsv } from "../../src/org/import";
import { type RoundClosedListener, roundJobHandlers } from "../../src/rounds/handlers";
import { planJobHandlers } from "../../src/plans/follow-up";
import { testDatabase } from "./db";
import { FakeSender } from "./fake-sender";

export const silentLogger = () => createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));

/**
 * A whole Pulsen back end on a real SQLite file, with a manual clock and a
 * fake chat platform: jobs, outbox and scheduler exactly as the server wires them.
 */
export function world(opts: { start: string; org?: string; platforms?: Platform[] }) {
  const database: DatabaseHandle & { path: string } = testDatabase();
  const clock = new ManualClock(opts.start);
  const logger = silentLogger();
  storeBuiltins(database.db, builtinInstruments(), clock);
  if (opts.org) importOrgCsv(database.db, new TextEncoder().encode(opts.org), { dryRun: false, clock });
  // The fake platform takes the web chat's place, and the web chat reaches only the demo organization (rule 9).
  if (opts.org) database.db.update(organizations).set({ demo: true }).run();
  const sender = new FakeSender(clock);
  const closed: string[] = [];
  const onRoundClosed: RoundClosedListener[] = [(_tx, roundId) => closed.push(roundId)];
  const platforms = new Set<Platform>(opts.platforms ?? ["webchat"]);
  const handlers = {
    ...roundJobHandlers({ logger, now: () => clock.now(), platforms, anonymityMin: 5, onRoundClosed }),
    ...planJobHandlers({ now: () => clock.now(), platforms }),
  };
  const runner = new JobRunner(database.db, clock, handlers, logger, { random: () => 0.5 });
  const drainer = new OutboxDrainer(database.db, clock, { webchat: sender }, logger, { random: () => 0.5 });
  const scheduler = new Scheduler(database.db, runner, drainer, logger);

  /** Jumps from one due moment to the next until `until`, doing what is due at each. */
  async function runUntil(until: string | Date): Promise<void> {
    const end = new Date(until).getTime();
    let last = await scheduler.tick();
    for (let guard = 0; guard < 100_000; guard++) {
      const next = scheduler.nextWakeAt();
      if (next === null || next.getTime() > end) break;
      // Something due but held back (a rate limit): let that much time pass.
      if (next.getTime() > clock.now().getTime()) clock.set(next);
      else clock.advance(Math.max(last.outbox.waitMs ?? 0, 1000));
      last = await scheduler.tick();
    }
    clock.set(new Date(end));
    await scheduler.tick();
  }

  return { ...database, clock, logger, sender, scheduler, runner, drainer, closed, platforms, runUntil };
}
