import type { Clock } from "../core/clock";
import type { PersonId } from "../core/ids";
import { DEFAULT_LOCALE } from "../core/locale";
import type { Db } from "../db/open";
import { WriteQueue } from "../db/write-queue";
import { getOrganization, setPlatformProfile } from "../db/org-store";
import {
  anyTeamsReference,
  firstDelivery,
  personByPlatformId,
  rememberTeamsReference,
  teamsReferenceKnown,
  teamsReference,
} from "../db/platform-store";
import type { Intent } from "../jobs/sender";
import type { Assistant } from "./assistant";
import { catalogs } from "./catalog";
import { parseCommand } from "./commands";
import type { ActInput, BotAction, BotMessage, BotReply, Choice } from "./message";
import type { PlanMaking } from "./plan-making";
import type { ChatPlatform, ChatPort, CommandPlace, CommandReply, ConversationRef } from "./port";
import { smsText } from "./sms-text";
import type { SurveyBot } from "./survey";
import { textMessage } from "./survey-messages";

const one = (m: BotMessage): CommandReply => ({ messages: [m] });

/** The bot's side of the port: what every adapter calls (src/bot/port.ts). */
export class ChatService implements ChatPort {
  /** Taps and conversation references from Slack and Teams: written without stopping the server (write-queue.ts). */
  private readonly writes: WriteQueue;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bot: SurveyBot,
    private readonly assistant: Assistant,
    private readonly plans: PlanMaking,
  ) {
    this.writes = new WriteQueue(db);
  }

  identify(platform: "slack" | "teams", platformUserId: string): PersonId | null {
    return personByPlatformId(this.db, platform, platformUserId);
  }

  identified(personId: PersonId, found: { slackUserId: string; profileTimezone: string | null }): void {
    setPlatformProfile(this.db, personId, found);
  }

  firstDelivery(platform: ChatPlatform, eventId: string): boolean {
    return firstDelivery(this.db, this.clock, `${platform}:${eventId}`);
  }

  rememberConversation(personId: PersonId, ref: ConversationRef, mode: "replace" | "keep"): Promise<void> {
    if (teamsReferenceKnown(this.db, personId, ref, mode)) return Promise.resolve();
    return this.writes.run(() =>
      this.bot.aside(() => rememberTeamsReference(this.db, this.clock, personId, ref, mode)),
    );
  }

  conversation(personId: PersonId): ConversationRef | null {
    return teamsReference(this.db, personId);
  }

  anyConversation(): ConversationRef | null {
    return anyTeamsReference(this.db);
  }

  command(personId: PersonId | null, text: string, place: CommandPlace): CommandReply {
    if (personId === null) return one(this.unknown());
    const c = parseCommand(text);
    const a = this.assistant;
    switch (c.kind) {
      case "help":
        return one(a.help(personId, place));
      case "unknown":
        return one(a.help(personId, place, c.word));
      case "status":
        // Whether someone has answered is theirs alone: never in a channel the team reads.
        return one(place.private ? a.status(personId) : a.say(personId, "status", (t) => t.statusOnlyPersonal));
      case "dashboard":
        // A channel is read by the whole team: sign-in links go only where the person alone reads them.
        return one(place.private ? a.dashboard(personId) : a.dashboardOnlyPersonal(personId));
      case "results": {
        // The same digests the channel got, anonymity rules and all; only for units the person leads.
        if (!place.private) return one(a.say(personId, "results", (t) => t.resultsOnlyPersonal));
        const digests = this.latestResults(personId);
        return digests.length === 0 ? one(a.noResults(personId)) : { messages: digests };
      }
      case "channel": {
        if (place.platform === "webchat") return one(a.say(personId, "channel", (t) => t.channelNotHere));
        // Slack names a channel in the command; Teams knows the channel the message was typed in.
        const target = (place.platform === "slack" ? c.mention : null) ?? place.channel;
        if (target === null) {
          return one(
            place.platform === "teams"
              ? a.channelOnlyInTeam(personId)
              : a.say(personId, "channel", (t) => t.channelNeedsName),
          );
        }
        const r = a.setChannel(personId, place.platform, target.channel, target.label, c.unit);
        return r.ok ? { messages: [r.message], channelChosen: target } : one(r.message);
      }
    }
  }

  act(personId: PersonId, action: BotAction, input?: ActInput): BotReply {
    if (action.a === "plan" || action.a === "plan_save" || action.a === "plan_find")
      return this.plans.handle(personId, action, input?.form);
    return this.bot.handle(personId, action, input);
  }

  actSoon(personId: PersonId, action: BotAction, input?: ActInput): Promise<BotReply> {
    const at = this.clock.now();
    if (action.a === "plan" || action.a === "plan_save" || action.a === "plan_find")
      return this.writes.run(() => this.plans.handle(personId, action, input?.form));
    return this.writes.run(() => this.bot.handle(personId, action, input, at, "after-reply"));
  }

  findPeople(personId: PersonId, source: string, query: string): Choice[] {
    return this.plans.findPeople(personId, source, query);
  }

  received(personId: PersonId): BotMessage {
    return this.assistant.say(personId, "received", (t) => t.tapReceived);
  }

  posted(personId: PersonId, message: BotMessage, platform: ChatPlatform, messageId: string): void {
    this.bot.posted(personId, message, platform, messageId);
  }

  compose(intent: Intent, personId: PersonId | null): BotMessage | null {
    return this.bot.compose(intent, personId);
  }

  smsText(intent: Intent, personId: PersonId, url: string): string | null {
    return smsText(this.db, this.clock, intent, personId, url);
  }

  home(personId: PersonId | null): BotMessage[] {
    if (personId === null) return [this.unknown()];
    // Leaders also see their units' latest results, exactly as the digest showed them.
    return [this.assistant.home(personId), ...this.latestResults(personId)];
  }

  unknown(): BotMessage {
    return this.assistant.unknown(this.orgLocale());
  }

  inviteToChannel(personId: PersonId, label: string): BotMessage {
    return this.assistant.inviteToChannel(personId, label);
  }

  notUnderstood(): BotMessage {
    return textMessage("not-understood", catalogs[this.orgLocale()].notUnderstood);
  }

  private orgLocale() {
    return getOrganization(this.db)?.defaultLocale ?? DEFAULT_LOCALE;
  }

  private latestResults(personId: PersonId): BotMessage[] {
    return this.assistant
      .latestResults(personId)
      .map((r) => this.bot.compose({ kind: "digest", ...r }, personId))
      .filter((m): m is BotMessage => m !== null);
  }
}
