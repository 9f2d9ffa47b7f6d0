import Database from "better-sqlite3";
import type { Db } from "./open";

/** How long one attempt may wait for another connection's lock: better-sqlite3 waits with the event loop stopped. */
const ATTEMPT_WAIT_MS = 20;
/** Between attempts the event loop is free: other requests are read and acknowledged meanwhile. */
const RETRY_MS = 100;

/** SQLite's "another connection holds the lock", also when drizzle wraps it (its `cause`). */
function isBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if (e instanceof Database.SqliteError && e.code.startsWith("SQLITE_BUSY")) return true;
  }
  return false;
}

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes on a request's path that must not stop the server while another process (the CLI, a backup)
 * holds the database's write lock. The connection's own busy timeout (5 s, for the CLI) would block every
 * request for as long; here each attempt waits at most ATTEMPT_WAIT_MS, and a write that finds the lock
 * taken waits in a queue, retried every RETRY_MS off the request's path. First in, first out: a person's
 * later tap is never applied before an earlier one. `work` must be one synchronous transaction (it is
 * all or nothing, so a retry writes it exactly once). Held in memory: a crash loses what is queued.
 */
export class WriteQueue {
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /** Resolves with what `work` returned once it ran; rejects with its error if that was not a busy lock. */
  run<T>(work: () => T): Promise<T> {
    if (this.waiting.length === 0) {
      try {
        return Promise.resolve(this.attempt(work));
      } catch (e) {
        if (!isBusy(e)) return Promise.reject(e);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private attempt<T>(work: () => T): T {
    const sqlite = this.db.$client;
    // Not a kept statement: SQLite applies this pragma when it compiles it, not when it runs. Read each
    // time: whatever the connection's timeout is now (someone may have set it) is what comes back.
    const before = Math.trunc(sqlite.pragma("busy_timeout", { simple: true }) as number);
    sqlite.pragma(`busy_timeout = ${ATTEMPT_WAIT_MS}`);
    try {
      return work();
    } finally {
      if (sqlite.open) sqlite.pragma(`busy_timeout = ${before}`);
    }
  }

  private schedule(): void {
    if (this.timer !== null || this.waiting.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, RETRY_MS);
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const head = this.waiting[0]!;
      if (!this.db.$client.open) {
        head.reject(new Error("database closed"));
      } else {
        try {
          head.resolve(this.attempt(head.work));
        } catch (e) {
          if (isBusy(e)) {
            this.schedule();
            return;
          }
          head.reject(e);
        }
      }
      this.waiting.shift();
    }
  }
}
