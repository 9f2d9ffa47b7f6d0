import {
  type Activity,
  ActivityTypes,
  type ConversationReference,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
  TurnContext as Turn,
} from "botbuilder";
import { AuthenticationConstants, AuthenticationError } from "botframework-connector";
import { createHash } from "node:crypto";
import { z } from "zod";
import express from "express";
import { MessageUpdates } from "../../src/bot/reply-order";
import type { BotMessage, BotReply } from "../../src/bot/message";
import { textMessage } from "../../src/bot/survey-messages";
import type { ConversationRef } from "../../src/bot/port";
import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { toAdaptiveCard, cardAttachment } from "./cards";
import { messageResponse, searchResponse } from "./invoke";
import { parseTeamsActivity } from "./parse";
import { GraphInstaller } from "./graph";
import { TeamsSender } from "./sender";
import { channelLabel, channelReference } from "./channel";
import { PulsenError } from "../../src/core/errors";
import { quietTokenExtractor } from "./quiet-connector";
import { Redeliveries } from "./redelivery";
import { TokenEndpointCredentialsFactory } from "./credentials";

/** The public cloud's identity platform: botbuilder's own credentials talk to it. */
const MICROSOFT_LOGIN = "https://login.microsoftonline.com";

/** How long an invoke waits for its tap to be stored before answering "received" (Teams gives up after a few s). */
const INVOKE_WAIT_MS = 2000;

/** The promise's value, or null if it takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The fields every channel's activity has, with their types; the logic's edge parser reads the rest. */
const activityEnvelope = z
  .object({
    type: z.string().min(1),
    name: z.string().optional(),
    text: z.string().optional(),
    from: z.object({ id: z.string() }).passthrough(),
    conversation: z.object({ id: z.string() }).passthrough(),
    // A card's submit or invoke carries its data as an object; nothing else would reach the bot.
    value: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

/** What botbuilder's own HTTP edge does to an activity's date strings. */
function withDates(a: z.infer<typeof activityEnvelope>): Activity {
  const out: Record<string, unknown> = { ...a };
  for (const k of ["timestamp", "localTimestamp", "expiration"])
    if (typeof out[k] === "string") out[k] = new Date(out[k] as string);
  return out as unknown as Activity;
}

/** CloudAdapter, with its turn entry point reachable from our HTTP edge. */
class EdgeCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** botbuilder's own refusal, or jsonwebtoken's (a bad signature, an expired or early token). */
function isAuthFailure(err: unknown): boolean {
  if (err instanceof AuthenticationError) return true;
  const name = err instanceof Error ? err.name : "";
  return name === "JsonWebTokenError" || name === "TokenExpiredError" || name === "NotBeforeError";
}

/**
 * Teams: botbuilder's CloudAdapter on /api/messages. Without an app id the
 * endpoint answers 401, unless TEAMS_UNAUTHENTICATED=1 on a localhost
 * PUBLIC_URL (checked by the configuration): botbuilder itself would
 * silently skip authentication.
 */
export function teamsAdapter(ctx: AdapterContext): Adapter {
  const teams = ctx.config.teams;
  if (teams === null) {
    return {
      mount: (app) =>
        void app.post("/api/messages", (_req, res) => void res.status(401).json({ error: "teams_not_configured" })),
    };
  }
  const settings =
    teams.auth === "botframework"
      ? {
          MicrosoftAppId: teams.appId,
          MicrosoftAppPassword: teams.appPassword,
          MicrosoftAppTenantId: teams.tenantId,
          MicrosoftAppType: teams.appType,
          // botbuilder takes one overridden endpoint as "all are given": so give the public cloud's,
          // with the keys' URL replaced.
          ...(teams.openIdMetadataUrl
            ? {
                ToBotFromChannelOpenIdMetadataUrl: teams.openIdMetadataUrl,
                ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
                ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
                ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
                OAuthUrl: AuthenticationConstants.OAuthUrl,
                ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
                CallerId: CallerIdConstants.PublicAzureChannel,
                ValidateAuthority: true,
              }
            : {}),
        }
      : {};
  if (teams.auth === "botframework") quietTokenExtractor();
  // MICROSOFT_LOGIN_URL (a proxy, or the tests' identity platform) also serves the bot's outbound tokens.
  const ownTokens =
    teams.auth === "botframework" && teams.appPassword !== undefined && teams.loginUrl !== MICROSOFT_LOGIN
      ? new TokenEndpointCredentialsFactory(teams.appId, teams.appPassword, teams.tenantId, teams.loginUrl)
      : undefined;
  const auth = new ConfigurationBotFrameworkAuthentication(settings, ownTokens);
  const adapter = new EdgeCloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    ctx.logger.warn({ err: error }, "teams turn failed");
  };
  const appId = teams.auth === "botframework" ? teams.appId : "";

  const { chat } = ctx;
  const updates = new MessageUpdates();
  const redeliveries = new Redeliveries<Awaited<ReturnType<EdgeCloudAdapter["run"]>>>();
  const referenceOf = (context: TurnContext) =>
    Turn.getConversationReference(context.activity) as unknown as ConversationRef;
  const send = async (context: TurnContext, messages: BotMessage[]) => {
    for (const m of messages) await context.sendActivity({ attachments: [cardAttachment(m)] });
  };

  /** A tap answered "received" before it was stored: its card rewritten, and anything to post sent, once stored. */
  const later = (reference: ConversationRef, cardId: string | undefined, pending: Promise<BotReply>) => {
    const rewrite = async (reply: BotReply) => {
      const update = reply.update;
      const ref = reference as Partial<ConversationReference>;
      await adapter.continueConversationAsync(appId, ref, async (turn) => {
        if (cardId && update) {
          const id = cardId;
          await updates.apply(`${ref.conversation?.id}:${id}`, async () => {
            await turn.updateActivity({ id, type: "message", attachments: [cardAttachment(update)] });
          });
        }
        await send(turn, reply.post ?? []);
      });
    };
    pending.then(rewrite).catch((err: unknown) => ctx.logger.warn({ err }, "teams tap not stored"));
  };

  const logic = async (context: TurnContext) => {
    const event = parseTeamsActivity(context.activity);
    if (event.kind === "unsupported") {
      ctx.logger.warn({ reason: event.reason }, "teams activity ignored");
      if (context.activity.type === ActivityTypes.Invoke)
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
      return;
    }
    const personId = chat.identify("teams", event.aadObjectId);
    if (personId === null) {
      if (event.kind !== "installed") await send(context, [chat.unknown()]);
      return;
    }
    // A person's reference is their 1:1 chat with the bot; a team channel is a unit's, chosen by "channel".
    if (event.where === "personal") {
      chat
        .rememberConversation(personId, referenceOf(context), "replace")
        .catch((err: unknown) => ctx.logger.warn({ err }, "teams conversation not remembered"));
    }
    switch (event.kind) {
      case "installed":
        return;
      case "text": {
        const inChannel = event.where === "channel";
        const here = inChannel
          ? { channel: JSON.stringify(referenceOf(context)), label: event.channelName ?? "Teams" }
          : null;
        // Outside the 1:1 chat others read the answer, and people type "@Pulsen …" there.
        const place = {
          platform: "teams" as const,
          private: event.where === "personal",
          channel: here,
          mentioned: event.where !== "personal",
        };
        await send(context, chat.command(personId, event.text, place).messages);
        return;
      }
      case "search": {
        await context.sendActivity(searchResponse(chat.findPeople(personId, event.source, event.query)));
        return;
      }
      case "card_action": {
        const pending = chat.actSoon(personId, event.action, { comment: event.comment, form: event.form });
        if (event.invoke) {
          // Universal Actions: the invoke response's card replaces the tapped one, in place. Teams waits
          // only seconds for it: a tap still waiting for the database is answered "received", and its card
          // rewritten once the tap is stored.
          const reply = await within(pending, INVOKE_WAIT_MS);
          if (reply?.modal === true) {
            // A form opened from the card (the digest's plan): it comes as a new card, the tapped one stays.
            await context.sendActivity(messageResponse(reply.post?.[0]?.summary ?? ""));
            await send(context, reply.post ?? []);
            return;
          }
          const card = toAdaptiveCard(
            reply === null ? chat.received(personId) : (reply.update ?? textMessage("ok", "✓")),
          );
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: {
              status: 200,
              body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card },
            },
          });
          if (reply === null) later(referenceOf(context), event.replyToId, pending);
          else await send(context, reply.post ?? []);
          return;
        }
        const reply = await pending;
        if (event.replyToId && reply.update) {
          const update = reply.update;
          const id = event.replyToId;
          const key = `${context.activity.conversation.id}:${id}`;
          await updates.apply(
            key,
            async () =>
              void (await context.updateActivity({ id, type: "message", attachments: [cardAttachment(update)] })),
          );
        }
        await send(context, reply.post ?? []);
        return;
      }
    }
  };

  return {
    senders: { teams: new TeamsSender(adapter, appId, chat, teams.graph ? new GraphInstaller(teams.graph) : null) },
    channelTargets: {
      teams: {
        resolve: (personId, channelId) => {
          if (!/^19:[A-Za-z0-9_.@-]{6,200}$/.test(channelId))
            throw new PulsenError("input_invalid", { kind: "teams_channel_invalid" });
          const own = chat.conversation(personId);
          if (own === null) throw new PulsenError("input_invalid", { kind: "teams_no_conversation" });
          return { channel: JSON.stringify(channelReference(own, channelId)), label: "Teams" };
        },
        describe: (channel) => channelLabel(channel),
      },
    },
    mount: (app) => {
      app.post("/api/messages", express.json({ limit: "1mb" }), (req, res) => {
        // Our own HTTP edge around processActivity: botbuilder's process() answers a token
        // with a bad signature with 500 and echoes error texts; this answers 401 and says nothing.
        const activity = activityEnvelope.safeParse(req.body);
        if (!activity.success) {
          // The field's name only, never its value.
          const field = activity.error.issues[0]?.path.join(".") || "body";
          ctx.logger.warn({ path: "/api/messages", status: 400, field }, "teams request refused");
          return void res
            .status(400)
            .json({ error: "input_invalid", message: `not a Bot Framework activity (${field})` });
        }
        const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
        // The id and the token together: nobody without the token gets the first delivery's answer.
        const id = typeof activity.data.id === "string" ? activity.data.id : null;
        const key = id === null ? null : createHash("sha256").update(`${id}\n${authHeader}`).digest("base64");
        redeliveries
          .run(key, () => adapter.run(authHeader, withDates(activity.data), logic))
          .then(
            (invoke) => {
              res.status(invoke?.status ?? 200);
              if (invoke?.body !== undefined) res.json(invoke.body);
              else res.end();
            },
            (err: unknown) => {
              const unauthorized = isAuthFailure(err);
              // A refused token: its kind only, never the token, the key set or a stack.
              if (unauthorized)
                ctx.logger.warn({ reason: err instanceof Error ? err.name : "unknown" }, "teams token refused");
              else ctx.logger.warn({ err }, "teams activity failed");
              res.status(unauthorized ? 401 : 500).json({ error: unauthorized ? "unauthorized" : "internal" });
            },
          );
      });
    },
  };
}
