import type { SendResult } from "../../src/jobs/sender";
import type { SmsConfig } from "../../src/config";
import { type ConfigProblem, classifyHttp, classifyLinkResult, shortReason } from "./errors";
import { type SmsMessage, type SmsProvider, isReply, postJson } from "./provider";

type LinkConfig = Extract<SmsConfig, { provider: "linkmobility" }>;

/** The type of number LINK wants for the sender: a name, a short code or a full number. */
function sourceTon(from: string): "ALPHANUMERIC" | "SHORTCODE" | "MSISDN" {
  if (from.startsWith("+")) return "MSISDN";
  return /^\d+$/.test(from) ? "SHORTCODE" : "ALPHANUMERIC";
}

/**
 * LINK Mobility's SMS REST API ("Common"): POST {node}/sms/send with HTTP basic auth and JSON
 * { source, sourceTON, destination, userData, platformId, platformPartnerId, refId, useDeliveryReport };
 * the answer is { messageId, resultCode, description } (1005 "Queued"). Sources: LINK's "SMS REST API – MT
 * and Delivery Reports"; the OpenAPI description in deveel/deveel.lm.client docs/openapi/link-api-v1.json
 * (SmsMessageRequest, SmsSendResult, basicAuth); Melrose Labs' adapter page for the LINK API.
 */
export class LinkMobilityClient implements SmsProvider {
  private readonly auth: string;

  constructor(
    private readonly config: LinkConfig,
    private readonly now: () => number,
  ) {
    this.auth = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString("base64")}`;
  }

  async send(m: SmsMessage): Promise<SendResult | ConfigProblem> {
    const c = this.config;
    const reply = await postJson(
      `${c.apiUrl}/sms/send`,
      { authorization: this.auth },
      {
        source: c.from,
        sourceTON: sourceTon(c.from),
        destination: m.to,
        userData: m.text,
        platformId: c.platformId,
        platformPartnerId: c.platformPartnerId,
        // Our idempotency key as LINK's "own internal transaction ID": it is in LINK's records of the send.
        refId: m.key,
        useDeliveryReport: false,
      },
    );
    if (!isReply(reply)) return reply;
    const http = classifyHttp(reply, this.now());
    if (http !== null) return http;
    // A 200 is not yet a send: LINK says in resultCode whether it queued the message. A 4xx may name the
    // number in its resultCode (2106 "Number error"); one without a code is our request's fault.
    const body = (reply.body ?? {}) as { resultCode?: unknown; description?: unknown; messageId?: unknown };
    if (typeof body.resultCode === "number")
      return classifyLinkResult(body.resultCode, body.description, body.messageId);
    if (reply.status >= 200 && reply.status < 300)
      return { kind: "retry", reason: "sms provider answered without a resultCode" };
    return {
      kind: "retry",
      reason: `sms provider refused the request (HTTP ${reply.status}: ${shortReason(body.description, "no reason")})`,
      config: true,
    };
  }
}
