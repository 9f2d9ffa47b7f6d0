import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { LinkMobilityClient } from "./linkmobility";
import type { SmsProvider } from "./provider";
import { SmsSender } from "./sender";
import { WebhookClient } from "./webhook";

/** SMS: no routes of its own (the link opens the web surface); the outbox's SMS sender, when configured. */
export function smsAdapter(ctx: AdapterContext): Adapter {
  const sms = ctx.config.sms;
  if (sms === null) return {};
  const now = () => Date.now();
  const provider: SmsProvider =
    sms.provider === "linkmobility" ? new LinkMobilityClient(sms, now) : new WebhookClient(sms, now);
  const ports = { chat: ctx.chat, links: ctx.links };
  const logger = ctx.logger.child({ component: "sms" });
  return { senders: { sms: new SmsSender(provider, ports, logger, `${ctx.config.publicUrl}/`, sms.perSecond) } };
}
