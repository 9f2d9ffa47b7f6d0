import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear;
 * answer values are never passed to a logger in the first place (DESIGN.md rule 3).
 */
const REDACTED_KEYS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "appPassword",
  "password",
  "authorization",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "MICROSOFT_APP_PASSWORD",
  "SMS_PASSWORD",
  "SMS_WEBHOOK_TOKEN",
];

/**
 * An error logged under `err` keeps its type, message, code and stack, its causes' included (pino folds
 * them in). Nothing else: an SDK's error can carry the request it made, headers and body and all.
 */
function serializeError(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const { type, message, stack } = pino.stdSerializers.err(e);
  const code = "code" in e && (typeof e.code === "string" || typeof e.code === "number") ? e.code : undefined;
  return {
    type,
    message: withoutParams(message),
    stack: withoutParams(stack),
    ...(code === undefined ? {} : { code }),
  };
}

/**
 * drizzle's DrizzleQueryError writes the query's bound values into its message (`params: 4,Kommentar…`),
 * and with it its stack: on a tap those are a person's answers and comment (rule 3). The SQL stays.
 */
function withoutParams(text: string): string {
  return text.replace(/^params: .*$/gm, "params: [redacted]");
}

/**
 * A request path as it may be logged: a personal link's path holds its secret (`/l/<token>…`), so
 * only the fact that it was a link is kept.
 */
export function loggedPath(path: string): string {
  return path === "/l" || path.startsWith("/l/") ? "/l/[redacted]" : path;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);
  const serializers = { err: serializeError };
  return pino({ level, base: { app: "pulsen" }, redact: { paths, censor: "[redacted]" }, serializers }, destination);
}
