import type { Locale } from "../core/locale";
import type { PersonId } from "../core/ids";
import type { Intent } from "../jobs/sender";
import type { LinkPageTexts } from "./catalog/types";
import type { ActInput, BotAction, BotMessage, BotReply, Choice } from "./message";

export type { LinkPageTexts };

/**
 * The port the bot owns and every platform adapter talks through. An adapter
 * parses a platform's payload, calls one of these, and renders the neutral
 * message it gets back; it never sees the database or a survey rule
 * (the dependency rule `adapters-do-not-touch-db` keeps it so).
 */
export type ChatPlatform = "slack" | "teams" | "webchat";

/** A conversation the platform gave us, kept so the bot can write there later (Teams' reference). */
export type ConversationRef = Record<string, unknown>;

/** Where a typed command came from: it decides what may be answered there. */
export interface CommandPlace {
  platform: ChatPlatform;
  /** Only the person sees the answer: a DM, a 1:1 chat, the web chat, Slack's ephemeral reply. */
  private: boolean;
  /** The team channel it was typed in, in the form a digest is posted to; null outside a channel. */
  channel: { channel: string; label: string } | null;
  /** Teams: typed in a channel, where a person must @mention the bot (so help says "@Pulsen status"). */
  mentioned?: boolean;
}

export interface CommandReply {
  messages: BotMessage[];
  /** A leader pointed their unit's digests at this channel: the platform may check it can post there. */
  channelChosen?: { channel: string; label: string };
}

export interface ChatPort {
  /** The person behind a platform account, or null for someone the organization file does not know. */
  identify(platform: "slack" | "teams", platformUserId: string): PersonId | null;
  /** A platform found a person by e-mail: keep the account id and the profile's time zone. */
  identified(personId: PersonId, found: { slackUserId: string; profileTimezone: string | null }): void;
  /** True the first time a platform delivers this event; a redelivery answers false. */
  firstDelivery(platform: ChatPlatform, eventId: string): boolean;
  /**
   * Where to reach a person from now on; `keep` leaves one already known. Resolves once written (at once,
   * unless another process holds the database: then when it lets go).
   */
  rememberConversation(personId: PersonId, ref: ConversationRef, mode: "replace" | "keep"): Promise<void>;
  /** The person's own conversation with the bot (Teams' 1:1 chat), or null. */
  conversation(personId: PersonId): ConversationRef | null;
  /** Any conversation we know: it tells the tenant and the service to open new ones in. */
  anyConversation(): ConversationRef | null;

  /** Something a person typed; `personId` null for someone unknown. */
  command(personId: PersonId | null, text: string, place: CommandPlace): CommandReply;
  /** A tap on a button of ours, with the text of the comment field or a form's fields when there are some. */
  act(personId: PersonId, action: BotAction, input?: ActInput): BotReply;
  /**
   * The same tap, never stopping the server: when another process holds the database's write lock, it
   * waits in a queue (in order, written exactly once) and resolves when written. Acknowledge first.
   */
  actSoon(personId: PersonId, action: BotAction, input?: ActInput): Promise<BotReply>;
  /**
   * A form's person field, searched as it is typed into (Slack's options load, Teams' Data.Query):
   * `source` is the field's own; nothing for someone who may not fill in that form.
   */
  findPeople(personId: PersonId, source: string, query: string): Choice[];
  /** What a platform that must answer a tap at once shows while actSoon still waits: the tap was received. */
  received(personId: PersonId): BotMessage;
  /** A survey message a platform posted for a reply, so the close can rewrite it in place. */
  posted(personId: PersonId, message: BotMessage, platform: ChatPlatform, messageId: string): void;
  /** What an outbox intent says, for this recipient (null: nothing to show any more). */
  compose(intent: Intent, personId: PersonId | null): BotMessage | null;
  /**
   * What an SMS says for an outbox intent, in the person's language: `url` is their personal link for an
   * invitation or reminder, the dashboard for anything else (null: the round is gone).
   */
  smsText(intent: Intent, personId: PersonId, url: string): string | null;
  /** The person's home view (Slack's App Home): status, plans, and the latest results of units they lead. */
  home(personId: PersonId | null): BotMessage[];
  /** For someone the organization file does not know. */
  unknown(): BotMessage;
  /** The bot is not in the chosen channel yet: how to invite it. */
  inviteToChannel(personId: PersonId, label: string): BotMessage;
  /** A tap the bot could not read (in the organization's language: the person may be unknown). */
  notUnderstood(): BotMessage;
}

/** One message in the web chat's history. */
export interface WebchatEntry {
  id: number;
  message: BotMessage;
}

/**
 * The web chat stores its conversation itself (there is no platform to hold it),
 * and serves the demo's person picker and HR's preview.
 */
export interface WebchatPort {
  /** The demo organization's people, for the picker (DESIGN.md rule 9: the caller checks it may show it). */
  people(): { organization: string; people: { id: PersonId; name: string; unit: string }[] };
  person(id: string): { id: PersonId; name: string } | null;
  history(personId: PersonId): WebchatEntry[];
  /** The entry, if it is this person's. */
  entry(personId: PersonId, id: number): WebchatEntry | null;
  append(personId: PersonId, message: BotMessage, outboxKey?: string): number | null;
  replace(personId: PersonId, id: number, message: BotMessage): boolean;
  sentUnder(outboxKey: string): number | null;
  /** The instruments HR can preview. */
  instruments(): { id: string; name: Record<Locale, string> }[];
  /** One step of an instrument exactly as employees see it; null for an unknown instrument. */
  preview(
    instrumentId: string,
    locale: Locale | undefined,
    step: number,
  ): { message: BotMessage; step: number; steps: number; locale: Locale; name: string } | null;
}

/** What a personal link opens, decided by the bot; a GET may ask (it changes nothing). */
export type LinkView =
  | {
      kind: "open";
      personId: PersonId;
      roundId: string;
      locale: Locale;
      round: string;
      closesAt: Date | null;
      /** The close as the person reads it, in their language and zone ("fredag 28. november kl. 09:00"). */
      deadline: string | null;
    }
  | { kind: "closed"; locale: Locale; round: string }
  | { kind: "unknown" };

/**
 * Personal links for people reached by e-mail or SMS (DESIGN.md "Reaching everyone"): a secret like a
 * password, valid for its person and round only, and only while the round is open.
 */
export interface LinkPort {
  /** A new link for the person to this round, as a full URL to send; null when the round is not open. */
  mint(personId: PersonId, roundId: string): string | null;
  /** What the link opens now. */
  open(token: string): LinkView;
  /** The link pages' own sentences in a language (an unknown link has no person, so the page picks one). */
  texts(locale: Locale): LinkPageTexts;
  /** The words an e-mail or SMS puts around a link, in this language (the catalogues are the bot's). */
  words(locale: Locale): LinkWords;
}

/** Said around a personal link outside chat. */
export interface LinkWords {
  personal: string;
  /** Introduces the link's address as text, for a mail client that shows no button. */
  fallback: string;
  signOff: (sender: string) => string;
  /** The message had buttons that only chat can show. */
  chatOnly: string;
  /** The label of a link to the dashboard's overview. */
  overview: string;
}
