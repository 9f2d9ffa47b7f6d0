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
}

export class PulsenError extends Error {
  override readonly name = "PulsenError";
  constructor(
    readonly code: PulsenErrorCode,
    message: string,
    /** Extra lines (e.g. one per bad CSV row); never carries an answer's value. */
    readonly details: readonly string[] = [],
    options: PulsenErrorOptions = {},
  ) {
    // ES2022 `cause`: set only when options has one, so an error that wraps nothing has no `cause` key.
    super(message, options);
  }
}

export function isPulsenError(e: unknown): e is PulsenError {
  return e instanceof PulsenError;
}
