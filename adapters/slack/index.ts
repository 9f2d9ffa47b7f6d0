import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { PulsenError } from "../../src/core/errors";
import type { Logger } from "../../src/log";
import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { slackEdge } from "./edge";
import { registerSlackHandlers } from "./handlers";
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
    // Bolt hands its errors here: the logger keeps the first one's type, message and stack (src/log.ts).
    error: (...msg: unknown[]) => {
      const err = msg.find((m): m is Error => m instanceof Error);
      const text = msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ");
      child.error(err ? { err } : {}, text);
    },
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
      ? new ExpressReceiver({
          signingSecret: slack.signingSecret,
          endpoints: "/slack/events",
          logger,
          processBeforeResponse: false,
          // One real check: edge.ts checks the signature, the window and replays before Bolt reads the body.
          signatureVerification: false,
        })
      : undefined;
  // Future timestamps, replays and unreadable payloads are refused before Bolt sees them (edge.ts).
  const edge = slack.mode === "http" ? slackEdge(slack.signingSecret, ctx.logger) : null;
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions,
    // Bolt's conversation store keeps per-conversation state that nothing here reads: a lookup per request.
    convoStore: false,
    ...(receiver ? { receiver } : { socketMode: true, appToken: slack.mode === "socket" ? slack.appToken : undefined }),
  });

  registerSlackHandlers(app, ctx);

  return {
    senders: {
      slack: new SlackSender(new WebClient(slack.botToken, clientOptions), ctx.chat),
    },
    channelTargets: {
      slack: {
        // Slack's channel ids: C… for public, G… for older private channels.
        resolve: (_personId, id) => {
          const channel = id.trim().replace(/^#/, "");
          if (!/^[CG][A-Z0-9]{8,}$/.test(channel))
            throw new PulsenError("input_invalid", { kind: "slack_channel_invalid" });
          return { channel, label: channel };
        },
        describe: (channel) => channel,
      },
    },
    mount: (express) => {
      if (!receiver || !edge) return void app.start();
      express.post("/slack/events", ...edge);
      express.use(receiver.router);
    },
  };
}
