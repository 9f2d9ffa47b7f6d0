import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Secrets are redacted by key wherever they appear;
 * answer values are never passed to a logger in the first place (DESIGN.md rule 3).
 */
export const REDACTED_KEYS = [
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
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);
  return pino({ level, base: { app: "pulsen" }, redact: { paths, censor: "[redacted]" } }, destination);
}
