import type { SendResult } from "../../src/jobs/sender";

/** Slack errors that mean "this person or channel cannot be reached": final, shown to HR. */
const UNDELIVERABLE = new Set([
  "message_not_found",
  "cant_update_message",
  "user_not_found",
  "users_not_found",
  "account_inactive",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_disabled",
  "cannot_dm_bot",
  "messages_tab_disabled",
]);

interface WebApiError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  original?: { message?: string };
  message?: string;
}

/** The one mapper from @slack/web-api errors to the outbox's decisions. */
export function classifySlackError(e: unknown): SendResult {
  const err = (e ?? {}) as WebApiError;
  switch (err.code) {
    case "slack_webapi_rate_limited_error":
      return { kind: "rate_limited", retryAfterMs: Math.max(1, err.retryAfter ?? 1) * 1000, scope: "conversation" };
    case "slack_webapi_platform_error": {
      const reason = err.data?.error ?? "unknown_error";
      if (UNDELIVERABLE.has(reason)) return { kind: "undeliverable", reason };
      if (reason === "ratelimited") return { kind: "rate_limited", retryAfterMs: 1000, scope: "platform" };
      return { kind: "retry", reason };
    }
    case "slack_webapi_http_error":
      return { kind: "retry", reason: `HTTP ${err.statusCode ?? "error"}` };
    case "slack_webapi_request_error":
      return { kind: "retry", reason: `network: ${err.original?.message ?? "request failed"}` };
    default:
      return { kind: "retry", reason: err.message ?? "unknown error" };
  }
}

/** A Slack error as one short log value: the Web API's code and Slack's own error name, never a payload. */
export function slackErrorCode(e: unknown): string {
  const err = (e ?? {}) as WebApiError;
  return [err.code ?? (e instanceof Error ? e.name : "error"), err.data?.error].filter(Boolean).join(": ");
}
