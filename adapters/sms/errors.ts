import type { SendResult } from "../../src/jobs/sender";

/** What came back from the provider, as much as the decision needs. */
export interface ProviderReply {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** A 429 without a usable Retry-After still pauses SMS for a moment. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** Retry-After in seconds or as an HTTP date (RFC 9110), in ms from `now`; at least a tick's worth. */
export function retryAfterMs(header: string | null, now: number): number {
  if (header === null || header.trim() === "") return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1000, Math.ceil(seconds * 1000));
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(1000, at - now);
}

/**
 * A provider's words, safe to store and log: a provider may echo the number or the text (and so the link)
 * back in its error, so digit runs and URLs go, and the rest is kept short.
 */
export function shortReason(text: unknown, fallback: string): string {
  if (typeof text !== "string" || text.trim() === "") return fallback;
  const clean = text
    .replace(/https?:\/\/\S+/g, "…")
    .replace(/\+?\d[\d\s-]{4,}\d/g, "…")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean || fallback;
}

/** Why a send failed that no retry can fix by itself: Pulsen's own set-up, said once in the log. */
export type ConfigProblem = { kind: "retry"; reason: string; config: true };

const configProblem = (reason: string): ConfigProblem => ({ kind: "retry", reason, config: true });

/**
 * The HTTP part, the same for every provider. Credentials the provider refuses (401/403) are Pulsen's
 * configuration, not the person's number: the message is retried (the outbox backs off, and gives up after
 * its attempts) and the log says so, so nobody is marked unreachable for an expired password. Null: a 2xx,
 * or a 4xx whose body the provider's own mapper reads.
 */
export function classifyHttp(reply: ProviderReply, now: number): SendResult | ConfigProblem | null {
  const { status } = reply;
  if (status >= 200 && status < 300) return null;
  if (status === 429)
    return { kind: "rate_limited", retryAfterMs: retryAfterMs(reply.retryAfter, now), scope: "platform" };
  if (status === 401 || status === 403) return configProblem(`sms provider refused the credentials (HTTP ${status})`);
  if (status >= 300 && status < 400)
    return configProblem(`sms provider redirected (HTTP ${status}): use its final URL`);
  if (status === 404 || status === 405) return configProblem(`sms provider has no such endpoint (HTTP ${status})`);
  if (status === 408 || status >= 500) return { kind: "retry", reason: `sms provider: HTTP ${status}` };
  return null;
}

/** A request that never got an answer (refused connection, DNS, timeout): try again later. */
export function networkError(e: unknown): SendResult {
  const name = e instanceof Error ? (e.name === "TimeoutError" ? "timeout" : e.message) : "request failed";
  return { kind: "retry", reason: `sms provider: network: ${shortReason(name, "request failed")}` };
}

/**
 * LINK Mobility's result codes (SMS REST API "MT and Delivery Reports", result codes; the same table in
 * deveel/deveel.lm.client src/Deveel.Link.Client/Link/Models/ResultCodes.cs). 1005 Queued is the usual
 * answer to a send; the 21xx codes are about the destination, 20xx about our sender id, 40xx our content.
 */
const LINK_ACCEPTED = new Set([1000, 1001, 1005, 1007, 1008, 1011, 1012, 1013]);
const LINK_DESTINATION: Record<number, string> = {
  2: "permanent routing error",
  1006: "not delivered",
  2100: "short number not supported as destination",
  2101: "alphanumeric destination not supported",
  2102: "destination not supported",
  2103: "operation blocked",
  2104: "unknown subscriber",
  2105: "destination blocked",
  2106: "number error",
};

export function classifyLinkResult(code: number, description: unknown, messageId: unknown): SendResult | ConfigProblem {
  if (LINK_ACCEPTED.has(code)) {
    return typeof messageId === "string" && messageId !== ""
      ? { kind: "sent", messageId }
      : { kind: "retry", reason: `sms provider accepted without a message id (${code})` };
  }
  const destination = LINK_DESTINATION[code];
  if (destination !== undefined)
    return { kind: "undeliverable", reason: `sms: ${shortReason(description, destination)} (${code})` };
  // 3: maximum throttling exceeded; LINK's way of saying 429.
  if (code === 3) return { kind: "rate_limited", retryAfterMs: DEFAULT_RETRY_AFTER_MS, scope: "platform" };
  if ((code >= 100 && code <= 104) || (code >= 2000 && code < 2100) || (code >= 3000 && code < 5000))
    return configProblem(`sms provider: ${shortReason(description, "configuration or content refused")} (${code})`);
  // 0, 1, 4, 5, 6, 105, 2107 (temporarily blocked) and anything new: transient, as far as we can tell.
  return { kind: "retry", reason: `sms provider: ${shortReason(description, "temporary error")} (${code})` };
}
