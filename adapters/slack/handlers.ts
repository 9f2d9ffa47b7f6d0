import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { platformEvents, people } from "../../src/db/schema";
import type { BotMessage } from "../../src/bot/message";
import { MessageUpdates } from "../../src/bot/reply-order";
import type { AdapterContext } from "../../src/server/adapter";
import { toBlockKit } from "./blocks";
import { parseSlackInteraction, parseSlashCommand } from "./parse";

/** What the app listens to. The manifest must list exactly these (tests/adapters/slack-manifest.test.ts). */
export const SLACK_HANDLERS = {
  commands: ["/pulsen"],
  events: ["app_home_opened"],
  /** Block actions whose action_id starts with this. */
  actionPrefix: "pulsen:",
} as const;

/**
 * Bolt listeners: parse at the edge, hand the meaning to the bot, render the
 * answer. Every listener acknowledges first (Slack's 3-second rule).
 */
export function registerSlackHandlers(app: App, ctx: AdapterContext): void {
  const personBySlackId = (id: string) => ctx.db.select({ id: people.id }).from(people).where(eq(people.slackUserId, id)).get();
  const updates = new MessageUpdates();
  /** Posts survey messages to the person's DM, and remembers them so the close can update them. */
  const postToDm = async (client: WebClient, slackUserId: string, personId: string, messages: (BotMessage | undefined)[]) => {
    for (const m of messages) {
      if (!m) continue;
      const res = await client.chat.postMessage({ channel: slackUserId, ...toBlockKit(m) });
      if (res.channel && res.ts) ctx.bot.posted(personId, m, "slack", `${res.channel}:${res.ts}`);
    }
  };

  app.action(new RegExp(`^${SLACK_HANDLERS.actionPrefix}`), async ({ ack, body, client }) => {
    await ack();
    const event = parseSlackInteraction(body);
    if (event.kind === "link_opened") return;
    if (event.kind === "unsupported") {
      ctx.logger.warn({ reason: event.reason }, "slack interaction refused");
      return;
    }
    const person = personBySlackId(event.slackUserId);
    if (person === undefined) {
      ctx.logger.warn({ slackUser: event.slackUserId }, "slack interaction from an unknown user");
      return;
    }
    try {
      if (event.kind === "home_action") {
        // From the App Home tab there is no message to update: the survey starts in the DM.
        const reply = ctx.bot.handle(person.id, event.action);
        await postToDm(client, event.slackUserId, person.id, [reply.update, ...(reply.post ?? [])]);
        return;
      }
      // A tap may only rewrite the person's own DM with the bot, never a channel's or a group's message. A
      // direct-message channel (D…) has just two members, so a tap in one comes from its person.
      const inDm = event.channel.startsWith("D");
      const reply = ctx.bot.handle(person.id, event.action, { comment: event.comment });
      if (!inDm) {
        ctx.logger.warn({ slackUser: event.slackUserId }, "slack tap outside the person's DM: answered in the DM");
        await postToDm(client, event.slackUserId, person.id, [reply.update, ...(reply.post ?? [])]);
        return;
      }
      const update = reply.update;
      if (update) await updates.apply(`${event.channel}:${event.ts}`, async () => void (await client.chat.update({ channel: event.channel, ts: event.ts, ...toBlockKit(update) })));
      for (const m of reply.post ?? []) await client.chat.postMessage({ channel: event.channel, ...toBlockKit(m) });
    } catch (e) {
      ctx.logger.warn({ err: (e as { code?: string }).code ?? "error" }, "slack reply failed");
    }
  });

  app.command(SLACK_HANDLERS.commands[0], async ({ ack, command, client }) => {
    const person = personBySlackId(command.user_id);
    if (person === undefined) return ack({ response_type: "ephemeral", ...toBlockKit(ctx.assistant.unknown()) });
    const parsed = parseSlashCommand(command.text ?? "");
    switch (parsed.kind) {
      case "help":
      case "unsupported":
        return ack({ response_type: "ephemeral", ...toBlockKit(ctx.assistant.help(person.id)) });
      case "status":
        return ack({ response_type: "ephemeral", ...toBlockKit(ctx.assistant.status(person.id)) });
      case "dashboard":
        // Ephemeral: only the person who asked sees their sign-in link.
        return ack({ response_type: "ephemeral", ...toBlockKit(ctx.assistant.dashboard(person.id)) });
      case "results": {
        // The same digests the channel got, anonymity rules and all; only for units the person leads.
        const digests = ctx.assistant
          .latestResults(person.id)
          .map((r) => ctx.bot.compose({ kind: "digest", ...r }, person.id))
          .filter((m) => m !== null);
        if (digests.length === 0) return ack({ response_type: "ephemeral", ...toBlockKit(ctx.assistant.noResults(person.id)) });
        const parts = digests.map(toBlockKit);
        return ack({ response_type: "ephemeral", text: parts.map((p) => p.text).join(" · "), blocks: parts.flatMap((p) => p.blocks).slice(0, 50) });
      }
      case "channel": {
        const result = ctx.assistant.setChannel(person.id, "slack", parsed.channel, parsed.label, parsed.unit);
        await ack({ response_type: "ephemeral", ...toBlockKit(result.message) });
        if (!result.ok) return;
        // Digests can only be posted where the bot is a member: say how to invite it if not.
        try {
          const info = await client.conversations.info({ channel: parsed.channel });
          if (info.channel?.is_member !== true) await client.chat.postMessage({ channel: command.user_id, ...toBlockKit(ctx.assistant.inviteToChannel(person.id, parsed.label)) });
        } catch (e) {
          ctx.logger.warn({ err: (e as { code?: string }).code ?? "error" }, "slack channel check failed");
        }
        return;
      }
    }
  });

  app.event(SLACK_HANDLERS.events[0], async ({ event, body, client }) => {
    // Slack redelivers an event it thinks was missed; the key makes a repeat a no-op.
    const id = (body as { event_id?: string }).event_id ?? `${event.user}:${event.event_ts}`;
    const fresh = ctx.db.insert(platformEvents).values({ key: `slack:${id}`, receivedAt: ctx.clock.now() }).onConflictDoNothing().run().changes > 0;
    if (!fresh || event.tab !== "home") return;
    const person = personBySlackId(event.user);
    const view = person === undefined ? ctx.assistant.unknown() : ctx.assistant.home(person.id);
    // Leaders also see their units' latest results, exactly as the digest showed them.
    const results = person === undefined ? [] : ctx.assistant.latestResults(person.id).map((r) => ctx.bot.compose({ kind: "digest", ...r }, person.id));
    const blocks = [view, ...results].flatMap((m) => (m === null ? [] : toBlockKit(m).blocks)).slice(0, 100);
    await client.views.publish({ user_id: event.user, view: { type: "home", blocks } });
  });
}
