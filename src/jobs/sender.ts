import type { Locale } from "../core/locale";
import type { Intent } from "./intent";
import type { BucketSpec } from "./rate-limit";

export type Platform = "slack" | "teams" | "webchat" | "email" | "sms";

/** Where a message goes: a person's direct chat, or a channel. */
export type Recipient =
  | {
      kind: "person";
      personId: string;
      email: string;
      slackUserId: string | null;
      teamsAadObjectId: string | null;
      /** E.164, for SMS. */
      phone: string | null;
      locale: Locale;
      timezone: string;
    }
  | { kind: "channel"; channel: string; locale: Locale };

/** What to say: one kind per message, each with its schema (./intent). */
export type { Intent };

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
  /**
   * How many sends may be in flight at once (default 1). A platform allowing r messages a second,
   * answering in t seconds, needs about r × t in flight to be sent at its rate.
   */
  concurrency?: number;
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
