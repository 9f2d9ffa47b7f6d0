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
