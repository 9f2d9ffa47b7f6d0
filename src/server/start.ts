import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../core/clock";
import { type Config, describeConfig, enabledPlatforms } from "../config";
import { OutboxDrainer } from "../jobs/outbox";
import { JobRunner } from "../jobs/queue";
import { Scheduler } from "../jobs/scheduler";
import type { Platform, Sender } from "../jobs/sender";
import { roundJobHandlers } from "../rounds/handlers";
import { storeBuiltins } from "../db/instrument-store";
import { type DatabaseHandle, openDatabase } from "../db/open";
import { builtinInstruments } from "../instruments/catalog";
import type { Logger } from "../log";
import { createHttpApp, finishHttpApp, listen } from "./http";

export interface RunningServer {
  server: Server;
  scheduler: Scheduler;
  port: number;
  url: string;
  database: DatabaseHandle;
  stop(): Promise<void>;
}

/** Opens and migrates the database, then serves everything on one port. */
export interface ServerOptions {
  /** One sender per chat platform, supplied by the adapters. */
  senders?: Partial<Record<Platform, Sender>>;
  /** node-cron expression for the scheduler's tick; null: no automatic ticks (tests tick by hand). */
  tick?: string | null;
}

export async function startServer(config: Config, logger: Logger, clock: Clock, opts: ServerOptions = {}): Promise<RunningServer> {
  logger.info({ config: describeConfig(config) }, "starting");
  const database = openDatabase(config.databasePath);
  storeBuiltins(database.db, builtinInstruments(), clock);
  const handlers = roundJobHandlers({ logger, now: () => clock.now(), platforms: enabledPlatforms(config), onRoundClosed: [] });
  const runner = new JobRunner(database.db, clock, handlers, logger);
  const drainer = new OutboxDrainer(database.db, clock, opts.senders ?? {}, logger);
  const scheduler = new Scheduler(database.db, runner, drainer, logger);
  const app = createHttpApp({ logger, healthy: () => database.sqlite.open });
  finishHttpApp(app, logger);
  const server = await listen(app, config.port);
  const port = (server.address() as AddressInfo).port;
  const url = config.port === port ? config.publicUrl : `http://localhost:${port}`;
  logger.info({ port }, "listening");
  // The first tick runs whatever fell due while Pulsen was down.
  if (opts.tick !== null) scheduler.start(opts.tick);
  return {
    server,
    scheduler,
    port,
    url,
    database,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void scheduler.stop().then(() => {
            database.close();
            resolve();
          });
        });
        server.closeAllConnections();
      }),
  };
}
