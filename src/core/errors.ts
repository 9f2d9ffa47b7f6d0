import type { PulsenErrorCode } from "./error-code";
import type { LineProblem, Problem } from "./problem";
import { sayDetails, sayProblem } from "./problem-text";

export type { PulsenErrorCode };

export interface PulsenErrorOptions {
  /** The error this one wraps (a file system or parser error): kept, so a log shows its stack too. */
  cause?: unknown;
  /** A file's bad lines, each with its problem; `omitted`: how many more there were beyond these. */
  lines?: readonly LineProblem[];
  omitted?: number;
  /** Problems that belong to no line (an instrument's bad fields): each becomes one detail. */
  problems?: readonly Problem[];
}

export class PulsenError extends Error {
  override readonly name = "PulsenError";
  /** What went wrong as data, for surfaces that say it in their reader's language; null: an operator's error. */
  readonly problem: Problem | null;
  readonly lines: readonly LineProblem[];
  readonly omitted: number;
  readonly problems: readonly Problem[];
  /** Extra lines in English (e.g. one per bad CSV row); never carries an answer's value. */
  readonly details: readonly string[];
  constructor(
    readonly code: PulsenErrorCode,
    /** A problem (said in English here, in the reader's language by the web app), or an operator's message. */
    what: Problem | string,
    details: readonly string[] = [],
    options: PulsenErrorOptions = {},
  ) {
    // ES2022 `cause`: set only when options has one, so an error that wraps nothing has no `cause` key.
    super(typeof what === "string" ? what : sayProblem(what, "en"), "cause" in options ? { cause: options.cause } : {});
    this.problem = typeof what === "string" ? null : what;
    this.lines = options.lines ?? [];
    this.omitted = options.omitted ?? 0;
    this.problems = options.problems ?? [];
    this.details = sayDetails(this, "en") ?? details;
  }
}

export function isPulsenError(e: unknown): e is PulsenError {
  return e instanceof PulsenError;
}
