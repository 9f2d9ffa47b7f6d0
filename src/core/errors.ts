import type { LineProblem, Problem } from "./problem";
import { sayLines, sayProblem } from "./problem-text";

/**
 * The few error codes Pulsen speaks. Adapters map platform errors to these;
 * the CLI maps them to exit codes; the web layer to HTTP statuses.
 */
export type PulsenErrorCode =
  | "config_invalid" // bad or contradictory environment
  | "input_invalid" // a user's input (CSV, CLI argument, API body, file) failed validation
  | "not_found" // a named thing does not exist
  | "conflict" // the request contradicts the current state
  | "forbidden" // the caller may not do this
  | "internal"; // a bug: never caused by input

export interface PulsenErrorOptions {
  /** The error this one wraps (a file system or parser error): kept, so a log shows its stack too. */
  cause?: unknown;
  /** A file's bad lines, each with its problem; `omitted`: how many more there were beyond these. */
  lines?: readonly LineProblem[];
  omitted?: number;
}

export class PulsenError extends Error {
  override readonly name = "PulsenError";
  /** What went wrong as data, for surfaces that say it in their reader's language; null: an operator's error. */
  readonly problem: Problem | null;
  readonly lines: readonly LineProblem[];
  readonly omitted: number;
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
    this.details = this.lines.length > 0 ? sayLines(this.lines, this.omitted, "en") : details;
  }
}

export function isPulsenError(e: unknown): e is PulsenError {
  return e instanceof PulsenError;
}
