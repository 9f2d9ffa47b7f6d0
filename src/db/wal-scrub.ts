import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "../log";
import { truncateWal } from "./traces";
import type { Db } from "./open";

/**
 * Empties the write-ahead log of submitted drafts soon after the tap's reply (DESIGN.md rule 2): one
 * request covers every submit committed before the truncation starts.
 */
export interface WalScrub {
  request(): void;
  stop(): Promise<void>;
}

/** On the event loop's next turn, once the replies of this turn are on their way (tests, one-off tools). */
export function scrubNextTurn(db: Db): WalScrub {
  let queued = false;
  return {
    request() {
      if (queued) return;
      queued = true;
      setImmediate(() => {
        queued = false;
        try {
          truncateWal(db);
        } catch {
          // Nothing is lost: the scheduler's next tick empties any log it finds (src/db/traces.ts).
        }
      });
    },
    stop: async () => undefined,
  };
}

/**
 * The worker's whole program, plain CommonJS (no build step): its own connection copies the log into the
 * database and syncs it (PASSIVE: no lock is taken, the server goes on writing meanwhile). The TRUNCATE
 * stays with the server's connection, with only the frames written since left to copy: another
 * connection's truncation would count as a change (`PRAGMA data_version`) and empty the tap's caches.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 0");
parentPort.on("message", (m) => {
  if (m === "close") { db.close(); parentPort.close(); return; }
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
  parentPort.postMessage("copied");
});
`;

/** Truncations at most this often: each syncs the database file, and the first write after one the log. */
const EVERY_MS = 100;
/** A truncation held back by a lock is tried again this soon, this many times; then the tick's is next. */
const RETRY_MS = 20;
const TRIES = 5;

/**
 * The server's: the checkpoint's copying and syncing run on a worker thread, off the thread that answers
 * taps (at 100 submits a second a whole truncation there held it about 4 ms ten times a second; what is
 * left for it now, about 0.3 ms). A draft's pages stay in the log at most about EVERY_MS after its reply,
 * longer only while another connection holds the log (truncateWal never waits for it).
 */
export class WorkerWalScrub implements WalScrub {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private running = false;
  private wanted = false;
  private tries = 0;
  private lastStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Started by the first submit: most processes (a test, a server nobody answers on) never need it. */
  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(WORKER, { eval: true, workerData: { driver, path: this.db.$client.name } });
    worker.unref();
    this.exited = new Promise<void>((resolve) =>
      worker.once("exit", () => {
        // Stopped, or failed (logged): a later submit starts another; the tick empties the log meanwhile.
        this.worker = null;
        this.running = false;
        resolve();
      }),
    );
    worker.on("message", () => this.copied());
    worker.on("error", (err) => this.logger.warn({ err }, "wal scrub worker failed"));
    this.worker = worker;
    return worker;
  }

  /** Whether a truncation runs or waits for its turn (a test waits until its tries are spent). */
  get pending(): boolean {
    return this.running || this.timer !== null;
  }

  request(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.tries = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.running || this.timer !== null || !this.wanted) return;
    const wait = Math.max(0, this.lastStart + EVERY_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, wait);
    this.timer.unref();
  }

  private start(): void {
    if (this.stopped) return;
    this.running = true;
    this.wanted = false;
    this.lastStart = performance.now();
    this.thread().postMessage("run");
  }

  private copied(): void {
    let done = false;
    try {
      done = truncateWal(this.db);
    } catch (err) {
      this.logger.warn({ err }, "wal truncation failed");
    }
    this.finished(done);
  }

  private finished(done: boolean): void {
    this.running = false;
    if (!done && ++this.tries < TRIES) {
      this.wanted = true;
      this.lastStart = performance.now() - EVERY_MS + RETRY_MS;
    }
    this.schedule();
  }

  /** Lets a running truncation finish, then closes the worker's connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.worker?.postMessage("close");
    await this.exited;
  }
}
