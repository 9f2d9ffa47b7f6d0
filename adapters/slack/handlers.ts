import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { PersonId } from "../../src/core/ids";
import type { BotMessage } from "../../src/bot/message";
import type { CommandPlace } from "../../src/bot/port";
import { MessageUpdates } from "../../src/bot/reply-order";
import type { AdapterContext } from "../../src/server/adapter";
import { FORM_CALLBACK, PEOPLE_ACTION, toBlockKit, toModal } from "./blocks";
import { slackErrorCode } from "./errors";
import { parsePeopleSuggestion, parseSlackInteraction, parseSlashCommand, parseViewSubmission } from "./parse";

/** What the app listens to. The manifest must list exactly these (tests/adapters/slack-manifest.test.ts). */
export const SLACK_HANDLERS = {
  commands: ["/pulsen"],
  events: ["app_home_opened"],
  /** Block actions whose action_id starts with this. */
  actionPrefix: "pulsen:",
} as const;

/** Several neutral messages as one ephemeral reply (Slack allows one response and 50 blocks). */
function ephemeral(messages: BotMessage[]) {
  const parts = messages.map(toBlockKit);
  return {
    response_type: "ephemeral" as const,
    text: parts.map((p) => p.text).join(" · "),
    blocks: parts.flatMap((p) => p.blocks).slice(0, 50),
  };
}

/**
 * Bolt listeners: parse at the edge, hand the meaning to the bot's port,
 * render the answer. Every listener acknowledges first (Slack's 3-second rule).
 */
export function registerSlackHandlers(app: App, ctx: AdapterContext): void {
  const { chat } = ctx;
  const updates = new MessageUpdates();
  /** Posts survey messages to the person's DM, and tells the bot, so the close can update them. */
  const postToDm = async (client: WebClient, slackUserId: string, personId: PersonId, messages: BotMessage[]) => {
    for (const m of messages) {
      const res = await client.chat.postMessage({ channel: slackUserId, ...toBlockKit(m) });
      if (res.channel && res.ts) chat.posted(personId, m, "slack", `${res.channel}:${res.ts}`);
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
    const personId = chat.identify("slack", event.slackUserId);
    if (personId === null) {
      ctx.logger.warn({ slackUser: event.slackUserId }, "slack interaction from an unknown user");
      return;
    }
    try {
      if (event.action.a === "plan") {
        // The plan's form opens as a modal, with the tap's trigger (Slack honours it for 3 seconds).
        const reply = chat.act(personId, event.action);
        const form = reply.modal ? reply.post?.[0] : undefined;
        const view = form === undefined ? null : toModal(form);
        if (view !== null && event.triggerId !== undefined) {
          await client.views.open({ trigger_id: event.triggerId, view });
        } else {
          await postToDm(
            client,
            event.slackUserId,
            personId,
            [reply.update, ...(reply.post ?? [])].filter((m) => !!m),
          );
        }
        return;
      }
      if (event.kind === "home_action") {
        // From the App Home tab there is no message to update: the survey starts in the DM.
        const reply = await chat.actSoon(personId, event.action);
        await postToDm(
          client,
          event.slackUserId,
          personId,
          [reply.update, ...(reply.post ?? [])].filter((m) => !!m),
        );
        return;
      }
      // Acknowledged above: while another process holds the database, the tap waits off the request's path.
      const reply = await chat.actSoon(personId, event.action, { comment: event.comment });
      if (!event.inDm) {
        ctx.logger.warn({ slackUser: event.slackUserId }, "slack tap outside the person's DM: answered in the DM");
        await postToDm(
          client,
          event.slackUserId,
          personId,
          [reply.update, ...(reply.post ?? [])].filter((m) => !!m),
        );
        return;
      }
      const update = reply.update;
      if (update) {
        await updates.apply(`${event.channel}:${event.ts}`, async () => {
          await client.chat.update({ channel: event.channel, ts: event.ts, ...toBlockKit(update) });
        });
      }
      for (const m of reply.post ?? []) await client.chat.postMessage({ channel: event.channel, ...toBlockKit(m) });
    } catch (e) {
      ctx.logger.warn({ err: slackErrorCode(e) }, "slack reply failed");
    }
  });

  // A modal's form sent: the bot checks it at once, as Slack waits 3 s for the errors to show under its fields.
  app.view(FORM_CALLBACK, async ({ ack, body, client }) => {
    const event = parseViewSubmission(body);
    const personId = event.kind === "submission" ? chat.identify("slack", event.slackUserId) : null;
    if (event.kind !== "submission" || personId === null) {
      ctx.logger.warn({ reason: event.kind === "submission" ? "unknown user" : event.reason }, "slack form refused");
      return void (await ack());
    }
    const reply = chat.act(personId, event.action, { form: event.form });
    if (reply.invalid !== undefined) {
      const errors = Object.fromEntries(Object.entries(reply.invalid).map(([k, v]) => [k, v.slice(0, 2000)]));
      return void (await ack({ response_action: "errors", errors }));
    }
    await ack();
    try {
      await postToDm(
        client,
        event.slackUserId,
        personId,
        [reply.update, ...(reply.post ?? [])].filter((m) => !!m),
      );
    } catch (e) {
      ctx.logger.warn({ err: slackErrorCode(e) }, "slack reply failed");
    }
  });

  // A person field searched as it is typed (external_select's options load, posted to /slack/events).
  app.options<"block_suggestion">({ action_id: new RegExp(`^${PEOPLE_ACTION}`) }, async ({ ack, body }) => {
    const asked = parsePeopleSuggestion(body);
    const personId = asked === null ? null : chat.identify("slack", asked.slackUserId);
    if (asked === null || personId === null) return void (await ack({ options: [] }));
    const found = chat.findPeople(personId, asked.source, asked.query);
    const options = found.map((c) => ({
      text: { type: "plain_text" as const, text: c.label.slice(0, 75) },
      value: c.value,
    }));
    await ack({ options });
  });

  app.command(SLACK_HANDLERS.commands[0], async ({ ack, command, client }) => {
    const parsed = parseSlashCommand(command);
    if (parsed === null) {
      ctx.logger.warn("slack command refused: not a slash command");
      return ack();
    }
    const personId = chat.identify("slack", parsed.slackUserId);
    // Slack's reply to a slash command is ephemeral: only the person who typed it sees it.
    const place: CommandPlace = { platform: "slack", private: true, channel: parsed.channel };
    const reply = chat.command(personId, parsed.text, place);
    await ack(ephemeral(reply.messages));
    if (personId === null || reply.channelChosen === undefined) return;
    // Digests can only be posted where the bot is a member: say how to invite it if not.
    const chosen = reply.channelChosen;
    try {
      const info = await client.conversations.info({ channel: chosen.channel });
      if (info.channel?.is_member !== true) {
        await client.chat.postMessage({
          channel: parsed.slackUserId,
          ...toBlockKit(chat.inviteToChannel(personId, chosen.label)),
        });
      }
    } catch (e) {
      ctx.logger.warn({ err: slackErrorCode(e) }, "slack channel check failed");
    }
  });

  app.event(SLACK_HANDLERS.events[0], async ({ event, body, client }) => {
    // Slack redelivers an event it thinks was missed; the first delivery is the one that counts.
    const id = (body as { event_id?: string }).event_id ?? `${event.user}:${event.event_ts}`;
    if (!chat.firstDelivery("slack", id) || event.tab !== "home") return;
    const blocks = chat
      .home(chat.identify("slack", event.user))
      .flatMap((m) => toBlockKit(m).blocks)
      .slice(0, 100);
    await client.views.publish({ user_id: event.user, view: { type: "home", blocks } });
  });
}
