import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../core/clock";
import { type Config, describeConfig } from "../config";
import { storeBuiltins } from "../db/instrument-store";
import { type DatabaseHandle, openDatabase } from "../db/open";
import { builtinInstruments } from "../instruments/catalog";
import type { Logger } from "../log";
import { createHttpApp, finishHttpApp, listen } from "./http";

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  database: DatabaseHandle;
  stop(): Promise<void>;
}

/** Opens and migrates the database, then serves everything on one port. */
export async function startServer(config: Config, logger: Logger, clock: Clock): Promise<RunningServer> {
  logger.info({ config: describeConfig(config) }, "starting");
  const database = openDatabase(config.databasePath);
  storeBuiltins(database.db, builtinInstruments(), clock);
  const app = createHttpApp({ logger, healthy: () => database.sqlite.open });
  finishHttpApp(app, logger);
  const server = await listen(app, config.port);
  const port = (server.address() as AddressInfo).port;
  const url = config.port === port ? config.publicUrl : `http://localhost:${port}`;
  logger.info({ port }, "listening");
  return {
    server,
    port,
    url,
    database,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          database.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
