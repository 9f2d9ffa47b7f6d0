import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log";

/** A real logger whose JSON lines the test reads, as an operator's log collector would get them. */
export function capturedLogger(level = "info"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(level, new Writable({ write: (c, _e, done) => done(void lines.push(String(c))) }));
  return { logger, lines };
}
