import type { Locale } from "../core/locale";
import type { BucketSpec } from "./rate-limit";

export type Platform = "slack" | "teams" | "webchat";

/** Where a message goes: a person's direct chat, or a channel. */
export type Recipient =
  | { kind: "person"; personId: string; email: string; slackUserId: string | null; teamsAadObjectId: string | null; locale: Locale; timezone: string }
  | { kind: "channel"; channel: string; locale: Locale };

/** What to say: the bot layer turns an intent into its neutral message. */
export type Intent =
  | { kind: "invite"; roundId: string }
  | { kind: "remind"; roundId: string; n: number }
  /** Rewrites a sent invitation or question in place once the round has closed. */
  | { kind: "closed"; roundId: string }
  | { kind: "notice"; text: string }
  /** A unit's results after the round closed, for its leaders. */
  | { kind: "digest"; roundId: string; unitId: string }
  /** Mid-round, to leaders of units under half: counts only, never names. */
  | { kind: "nudge"; roundId: string; unitId: string }
  /** The organization's results, for HR. */
  | { kind: "hr_summary"; roundId: string }
  /** A week before a measure's deadline, to the person responsible. */
  | { kind: "measure_remind"; measureId: string }
  /** On (and after) the deadline: how did it go? with status buttons. */
  | { kind: "measure_ask"; measureId: string }
  /** A measure's new status, for the unit's channel or leaders. */
  | { kind: "plan_progress"; measureId: string };

export interface Outbound {
  key: string;
  recipient: Recipient;
  intent: Intent;
  /** The platform message id of a message already sent, to update in place instead of posting anew. */
  replaces: string | null;
}

/**
 * A platform's answer to one send. `retry` is for network errors and 5xx;
 * `rate_limited` carries Retry-After; `undeliverable` is final (user gone,
 * bot not in channel) and is shown to HR.
 */
export type SendResult =
  | { kind: "sent"; messageId: string }
  | { kind: "retry"; reason: string }
  | { kind: "rate_limited"; retryAfterMs: number; scope: "platform" | "conversation" }
  | { kind: "undeliverable"; reason: string };

export interface Sender {
  platform: Platform;
  limits: { platform: BucketSpec[]; conversation: BucketSpec[] };
  send(message: Outbound): Promise<SendResult>;
  /**
   * Finds a person on the platform when the organization file did not say
   * who they are there (e.g. Slack by email), remembering what it learns.
   * Null when they can be reached; otherwise why not.
   */
  identify?(recipient: Extract<Recipient, { kind: "person" }>): Promise<SendResult | null>;
  /**
   * After a crash between sending and recording, asks the platform whether
   * the message with this key went out (e.g. by message metadata).
   * Without it, an unconfirmed send is retried: at least once, not exactly once.
   */
  findSent?(message: Outbound): Promise<string | null>;
}
