/**
 * botframework-connector's JwtTokenExtractor writes to console.error for every token it cannot verify:
 * for a bad signature "Error finding key for token. Available keys: " and the whole PEM key set (many
 * lines), for an expired token the error with its stack. Anyone can send such tokens, so anyone could
 * flood the logs. There is no option to turn it off (botbuilder-js #4324; the fix, #4333, was never
 * merged), and the error is thrown on to us anyway: our HTTP edge answers 401 and logs one short line.
 * So exactly those two messages are dropped here; everything else still reaches console.error.
 */
/** Our wrappers, known by identity: a property on the function would be copied by whatever wraps it next. */
const wrappers = new WeakSet<typeof console.error>();

function fromTokenExtractor(args: unknown[]): boolean {
  const [first] = args;
  if (args.length !== 1) return false;
  if (typeof first === "string") return first.startsWith("Error finding key for token. Available keys:");
  return first instanceof Error && first.name === "TokenExpiredError";
}

/** Idempotent: wraps console.error once (again only if something replaced the wrapper since). */
export function quietTokenExtractor(): void {
  const current = console.error;
  if (wrappers.has(current)) return;
  const quiet = (...args: unknown[]) => {
    if (!fromTokenExtractor(args)) current(...args);
  };
  wrappers.add(quiet);
  console.error = quiet;
}
