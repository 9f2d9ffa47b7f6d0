import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { setPlatformProfile } from "../../src/db/org-store";
import { people } from "../../src/db/schema";
import type { Logger } from "../../src/log";
import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { toBlockKit } from "./blocks";
import { parseSlackInteraction } from "./parse";
import { SlackSender } from "./sender";

/**
 * No hidden retries, a request timeout, and a 429 rejected at once: the
 * WebClient's default (10 retries over 30 minutes, no timeout) would hide
 * retries from the outbox and let one 429 pause every call.
 */
export function slackClientOptions(apiUrl: string | undefined): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
}

/** Bolt's logs at warn and above only: its debug output would include payloads, and payloads carry button values. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ")),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

/** Slack: the Bolt app on /slack/events (or Socket Mode), and the outbox's Slack sender. */
export function slackAdapter(ctx: AdapterContext): Adapter {
  const slack = ctx.config.slack;
  if (slack === null) return {};
  const clientOptions = slackClientOptions(slack.apiUrl);
  const logger = boltLogger(ctx.logger);
  const receiver =
    slack.mode === "http"
      ? new ExpressReceiver({ signingSecret: slack.signingSecret, endpoints: "/slack/events", logger, processBeforeResponse: false })
      : undefined;
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: slack.mode === "socket" ? slack.appToken : undefined }),
  });

  // Every interaction is acknowledged first (Slack wants it within 3 s); the work comes after.
  app.action(/^pulsen:/, async ({ ack, body, client }) => {
    await ack();
    const event = parseSlackInteraction(body);
    if (event.kind === "unsupported") {
      ctx.logger.warn({ reason: event.reason }, "slack interaction refused");
      return;
    }
    const person = ctx.db.select({ id: people.id }).from(people).where(eq(people.slackUserId, event.slackUserId)).get();
    if (person === undefined) {
      ctx.logger.warn({ slackUser: event.slackUserId }, "slack interaction from an unknown user");
      return;
    }
    const reply = ctx.bot.handle(person.id, event.action, { comment: event.comment });
    try {
      if (reply.update) await client.chat.update({ channel: event.channel, ts: event.ts, ...toBlockKit(reply.update) });
      for (const m of reply.post ?? []) await client.chat.postMessage({ channel: event.channel, ...toBlockKit(m) });
    } catch (e) {
      ctx.logger.warn({ err: (e as { code?: string }).code ?? "error" }, "slack reply failed");
    }
  });

  return {
    senders: {
      slack: new SlackSender(new WebClient(slack.botToken, clientOptions), ctx.bot, (personId, found) => setPlatformProfile(ctx.db, personId, found)),
    },
    mount: (express) => {
      if (receiver) express.use(receiver.router);
      else void app.start();
    },
  };
}
