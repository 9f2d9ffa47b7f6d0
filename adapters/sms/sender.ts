import type { ChatPort, LinkPort } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { Outbound, SendResult, Sender } from "../../src/jobs/sender";
import type { Logger } from "../../src/log";
import type { SmsProvider } from "./provider";

/** At most `perSecond` texts a second, in bursts of up to that many (a fraction: one every 1/perSecond s). */
export function smsBuckets(perSecond: number): Sender["limits"]["platform"] {
  const capacity = Math.max(1, Math.floor(perSecond));
  return [{ capacity, perMs: Math.round((capacity / perSecond) * 1000) }];
}

/**
 * The outbox's SMS sender. An SMS carries no buttons: an invitation or a reminder is a short text with
 * the person's own link to the web surface, minted for this send (a link is a secret: it is never logged,
 * and neither is the number; the log names the outbox key).
 */
export class SmsSender implements Sender {
  readonly platform = "sms" as const;
  readonly limits: Sender["limits"];
  /** A configuration problem is logged once per process, not once per person. */
  private configLogged = false;

  constructor(
    private readonly provider: SmsProvider,
    private readonly ports: { chat: Pick<ChatPort, "smsText">; links: Pick<LinkPort, "mint"> },
    private readonly logger: Logger,
    private readonly dashboardUrl: string,
    perSecond: number,
  ) {
    // The provider's pace is the account's; no per-person limit: a person gets one text per message anyway.
    this.limits = { platform: smsBuckets(perSecond), conversation: [] };
  }

  async send(m: Outbound): Promise<SendResult> {
    const r = m.recipient;
    if (r.kind !== "person") return { kind: "undeliverable", reason: "sms: a channel has no phone number" };
    if (r.phone === null) return { kind: "undeliverable", reason: "sms: no phone number" };
    // A text cannot be changed once sent. The close's rewrite of an invitation has nothing to do: the link
    // itself now says that the round has closed.
    if (m.replaces !== null) return { kind: "sent", messageId: m.replaces };
    const personId = r.personId as PersonId;
    let url = this.dashboardUrl;
    if (m.intent.kind === "invite" || m.intent.kind === "remind") {
      const link = this.ports.links.mint(personId, m.intent.roundId);
      // No link: the round closed (or the person left it) since the outbox looked. Not the number's fault,
      // so no "sms:" reason for HR; a retry lets the outbox's own check cancel it as "round closed".
      if (link === null) return { kind: "retry", reason: "round not open: no link to send" };
      url = link;
    }
    const text = this.ports.chat.smsText(m.intent, personId, url);
    if (text === null) return { kind: "undeliverable", reason: "nothing to show" };
    const result = await this.provider.send({ to: r.phone, text, key: m.key });
    if ("config" in result) {
      if (!this.configLogged) {
        this.configLogged = true;
        this.logger.error(
          { key: m.key, reason: result.reason },
          "SMS provider refused Pulsen's set-up: check the SMS_ settings (messages wait and are retried)",
        );
      }
      return { kind: "retry", reason: result.reason };
    }
    return result;
  }
}
