import type { SendResult } from "../../src/jobs/sender";
import type { SmsConfig } from "../../src/config";
import { type ConfigProblem, classifyHttp, shortReason } from "./errors";
import { type SmsMessage, type SmsProvider, isReply, postJson } from "./provider";

type WebhookConfig = Extract<SmsConfig, { provider: "webhook" }>;

/**
 * Any other gateway, through a plain webhook: POST JSON { to, text, key } (and `from` when SMS_FROM is set)
 * to SMS_WEBHOOK_URL, with `Authorization: Bearer SMS_WEBHOOK_TOKEN` when set. 2xx is sent (an `id` in the
 * answer is kept); 429 waits for Retry-After; 5xx is retried; any other 4xx is the gateway refusing this
 * number, with its `error` as the reason HR sees. `key` repeats on a retry: the gateway can drop a second send.
 */
export class WebhookClient implements SmsProvider {
  constructor(
    private readonly config: WebhookConfig,
    private readonly now: () => number,
  ) {}

  async send(m: SmsMessage): Promise<SendResult | ConfigProblem> {
    const c = this.config;
    const headers: Record<string, string> = c.token === undefined ? {} : { authorization: `Bearer ${c.token}` };
    const body = { to: m.to, text: m.text, key: m.key, ...(c.from === undefined ? {} : { from: c.from }) };
    const reply = await postJson(c.webhookUrl, headers, body);
    if (!isReply(reply)) return reply;
    const http = classifyHttp(reply, this.now());
    if (http !== null) return http;
    const answer = (reply.body ?? {}) as { id?: unknown; error?: unknown };
    if (reply.status >= 200 && reply.status < 300)
      return { kind: "sent", messageId: typeof answer.id === "string" && answer.id !== "" ? answer.id : m.key };
    return { kind: "undeliverable", reason: `sms: ${shortReason(answer.error, `refused (HTTP ${reply.status})`)}` };
  }
}
