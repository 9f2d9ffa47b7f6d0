import { type Activity, ActivityTypes, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext, TurnContext as Turn } from "botbuilder";
import { AuthenticationConstants, AuthenticationError } from "botframework-connector";
import { z } from "zod";
import { eq } from "drizzle-orm";
import express from "express";
import { MessageUpdates } from "../../src/bot/reply-order";
import { textMessage } from "../../src/bot/survey-messages";
import { people, teamsReferences } from "../../src/db/schema";
import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { toAdaptiveCard, cardAttachment } from "./cards";
import { parseTeamsActivity } from "./parse";
import { GraphInstaller } from "./graph";
import { TeamsSender } from "./sender";
import { channelLabel, channelReference } from "./channel";
import { PulsenError } from "../../src/core/errors";

/** Just enough to know it is an activity; the logic's edge parser reads the rest. */
const activityEnvelope = z.object({ type: z.string().min(1) }).passthrough();

/** What botbuilder's own HTTP edge does to an activity's date strings. */
function withDates(a: z.infer<typeof activityEnvelope>): Activity {
  const out: Record<string, unknown> = { ...a };
  for (const k of ["timestamp", "localTimestamp", "expiration"]) if (typeof out[k] === "string") out[k] = new Date(out[k] as string);
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
    return { mount: (app) => void app.post("/api/messages", (_req, res) => void res.status(401).json({ error: "teams_not_configured" })) };
  }
  const settings =
    teams.auth === "botframework"
      ? {
          MicrosoftAppId: teams.appId,
          MicrosoftAppPassword: teams.appPassword,
          MicrosoftAppTenantId: teams.tenantId,
          MicrosoftAppType: teams.appType,
          // botbuilder takes one overridden endpoint as "all are given": so give the public cloud's, with the keys' URL replaced.
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
  const auth = new ConfigurationBotFrameworkAuthentication(settings);
  const adapter = new EdgeCloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    ctx.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "teams turn failed");
  };
  const appId = teams.auth === "botframework" ? teams.appId : "";

  const updates = new MessageUpdates();
  const personByAad = (aad: string) => ctx.db.select({ id: people.id }).from(people).where(eq(people.teamsAadObjectId, aad.toLowerCase())).get();
  const remember = (context: TurnContext, personId: string) => {
    const reference = Turn.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    ctx.db
      .insert(teamsReferences)
      .values({ personId, reference, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: teamsReferences.personId, set: { reference, updatedAt: ctx.clock.now() } })
      .run();
  };

  const logic = async (context: TurnContext) => {
    const event = parseTeamsActivity(context.activity);
    if (event.kind === "unsupported") {
      ctx.logger.warn({ reason: event.reason }, "teams activity ignored");
      if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
      return;
    }
    const person = personByAad(event.aadObjectId);
    if (person === undefined) {
      if (event.kind !== "installed") await context.sendActivity({ attachments: [cardAttachment(ctx.assistant.unknown())] });
      return;
    }
    // A person's reference is their 1:1 chat with the bot; a team channel is a unit's, set below.
    const personal = (context.activity.conversation.conversationType ?? "personal") === "personal";
    if (personal) remember(context, person.id);
    switch (event.kind) {
      case "installed":
        return;
      case "text": {
        const words = event.text.toLowerCase();
        let reply;
        if (words.startsWith("channel") || words.startsWith("kanal")) {
          if (!event.inChannel) reply = ctx.assistant.channelOnlyInTeam(person.id);
          else {
            const reference = JSON.stringify(Turn.getConversationReference(context.activity));
            reply = ctx.assistant.setChannel(person.id, "teams", reference, event.channelName ?? "this channel").message;
          }
        } else if (words.startsWith("dashboard") || words.startsWith("oversikt")) {
          // A channel is read by the whole team: sign-in links go only to the 1:1 chat.
          reply = personal ? ctx.assistant.dashboard(person.id) : ctx.assistant.dashboardOnlyPersonal(person.id);
        } else reply = words.startsWith("status") ? ctx.assistant.status(person.id) : ctx.assistant.help(person.id);
        await context.sendActivity({ attachments: [cardAttachment(reply)] });
        return;
      }
      case "card_action": {
        const reply = ctx.bot.handle(person.id, event.action, { comment: event.comment });
        const card = toAdaptiveCard(reply.update ?? textMessage("ok", "✓"));
        if (event.invoke) {
          // Universal Actions: the invoke response's card replaces the tapped one, in place.
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } } });
        } else if (event.replyToId && reply.update) {
          const update = reply.update;
          const id = event.replyToId;
          const key = `${context.activity.conversation.id}:${id}`;
          await updates.apply(key, async () => void (await context.updateActivity({ id, type: "message", attachments: [cardAttachment(update)] })));
        }
        for (const m of reply.post ?? []) await context.sendActivity({ attachments: [cardAttachment(m)] });
        return;
      }
    }
  };

  return {
    senders: { teams: new TeamsSender(adapter, appId, ctx.db, ctx.bot, teams.graph ? new GraphInstaller(teams.graph) : null, () => ctx.clock.now()) },
    channelTargets: {
      teams: {
        resolve: (personId, channelId) => {
          if (!/^19:[A-Za-z0-9_.@-]{6,200}$/.test(channelId)) throw new PulsenError("input_invalid", "channel must be a Teams channel id (19:…@thread.tacv2); open the dashboard as a tab in that channel");
          const own = ctx.db.select({ reference: teamsReferences.reference }).from(teamsReferences).where(eq(teamsReferences.personId, personId)).get();
          if (own === undefined) throw new PulsenError("input_invalid", "channel: Pulsen has no Teams connection for you yet; open your chat with Pulsen once, or type @Pulsen channel in the channel");
          return { channel: JSON.stringify(channelReference(own.reference, channelId)), label: "Teams" };
        },
        describe: (channel) => channelLabel(channel),
      },
    },
    mount: (app) => {
      app.post("/api/messages", express.json({ limit: "1mb" }), (req, res) => {
        // Our own HTTP edge around processActivity: botbuilder's process() answers a token
        // with a bad signature with 500 and echoes error texts; this answers 401 and says nothing.
        const activity = activityEnvelope.safeParse(req.body);
        if (!activity.success) return void res.status(400).json({ error: "not_an_activity" });
        const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
        adapter.run(authHeader, withDates(activity.data), logic).then(
          (invoke) => {
            res.status(invoke?.status ?? 200);
            if (invoke?.body !== undefined) res.json(invoke.body);
            else res.end();
          },
          (err: unknown) => {
            const unauthorized = isAuthFailure(err);
            if (!unauthorized) ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, "teams activity failed");
            res.status(unauthorized ? 401 : 500).json({ error: unauthorized ? "unauthorized" : "internal" });
          },
        );
      });
    },
  };
}
