import type { SendResult } from "../../src/jobs/sender";
import type { ConfigProblem, ProviderReply } from "./errors";
import { networkError } from "./errors";

/** One text to one number; `key` is the outbox's idempotency key, for a provider that can use it. */
export interface SmsMessage {
  to: string;
  text: string;
  key: string;
}

/** A provider's HTTP API, behind one call: the answer already mapped to the outbox's decision. */
export interface SmsProvider {
  send(message: SmsMessage): Promise<SendResult | ConfigProblem>;
}

/** A provider call: a timeout, no redirects followed (a redirect would resend credentials elsewhere). */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<ProviderReply | SendResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const raw = await res.text();
    let parsed: unknown = null;
    try {
      parsed = raw === "" ? null : JSON.parse(raw);
    } catch {
      parsed = null;
    }
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: parsed };
  } catch (e) {
    return networkError(e);
  }
}

export const isReply = (r: ProviderReply | SendResult): r is ProviderReply => "status" in r;
