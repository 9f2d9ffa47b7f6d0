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

export class PulsenError extends Error {
  override readonly name = "PulsenError";
  constructor(
    readonly code: PulsenErrorCode,
    message: string,
    /** Extra lines (e.g. one per bad CSV row); never carries an answer's value. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export function isPulsenError(e: unknown): e is PulsenError {
  return e instanceof PulsenError;
}
