import type { SendResult } from "../../src/jobs/sender";

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

function retryAfterMs(e: ConnectorError): number {
  const h = e.response?.headers;
  const raw =
    h && typeof (h as { get?: unknown }).get === "function"
      ? (h as { get(n: string): string | undefined }).get("retry-after")
      : (h as Record<string, string> | undefined)?.["retry-after"];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
}

/**
 * The one mapper from Bot Connector errors to outbox decisions. botbuilder
 * does not retry by itself: 429, 412, 502 and 504 come back to the outbox,
 * which retries with jittered backoff; 403 and 404 mean the person cannot be
 * reached (bot removed, writes blocked, conversation gone).
 */
export function classifyTeamsError(e: unknown): SendResult {
  const err = (e ?? {}) as ConnectorError;
  const status = err.statusCode;
  // The Connector refused the bot's token, or the identity platform gave none: the credentials are wrong or
  // were rotated. Retried (a token may have expired in between), then failed for good with this reason.
  if (status === 401 || (err as { name?: string }).name === "BotTokenError")
    return {
      kind: "retry",
      reason: `${status ?? "no"} bot token refused: check MICROSOFT_APP_ID, _PASSWORD, _TENANT_ID`,
    };
  if (status === 429) return { kind: "rate_limited", retryAfterMs: retryAfterMs(err), scope: "conversation" };
  if (status === 403) return { kind: "undeliverable", reason: `403 ${err.code ?? "MessageWritesBlocked"}` };
  if (status === 404) return { kind: "undeliverable", reason: "404 conversation not found" };
  if (status === 413) return { kind: "undeliverable", reason: "413 MessageSizeTooBig" };
  if (status !== undefined) return { kind: "retry", reason: `HTTP ${status}` };
  return { kind: "retry", reason: `network: ${err.message ?? "request failed"}` };
}
