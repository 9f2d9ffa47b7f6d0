import type { Express, Request } from "express";
import type { ChatPort, LinkPort, WebchatPort } from "../bot/port";
import type { Config } from "../config";
import type { Clock } from "../core/clock";
import type { PersonId } from "../core/ids";
import type { Platform, Sender } from "../jobs/sender";
import type { Logger } from "../log";

/**
 * What a platform adapter gets from the server, and what it gives back. No
 * database and no survey rule: an adapter reaches the product only through
 * the bot's port (src/bot/port.ts).
 */
export interface AdapterContext {
  chat: ChatPort;
  webchat: WebchatPort;
  /** Personal links for e-mail and SMS, and the web surface they open. */
  links: LinkPort;
  logger: Logger;
  config: Config;
  /** The server's clock: what an adapter counts over time (link guesses per minute) runs on it, tests move it. */
  clock: Clock;
  /** The platforms that reach people (`webchat` only when no Slack or Teams is configured). */
  platforms: ReadonlySet<Platform>;
  /** Who may do what on pages an adapter serves; decided by the web layer, never by the adapter. */
  access: ChatAccess;
}

/** Questions about the caller of a request, answered by the web layer (src/web/caller.ts). */
export interface ChatAccess {
  /** DESIGN.md rule 9: the demo organization, asked from this machine. */
  demoPicker(req: Request): boolean;
  /** A signed-in dashboard session of someone with the HR role. */
  isHr(req: Request): boolean;
}

/**
 * How the dashboard names a platform channel: from the id a person types or the Teams tab knows,
 * to what the sender needs.
 */
export interface ChannelTarget {
  /** The stored form of a channel id, or a PulsenError("input_invalid") naming what is wrong. */
  resolve(personId: PersonId, channelId: string): { channel: string; label: string };
  /** A short human label for a stored channel. */
  describe(channel: string): string;
}

export interface Adapter {
  senders?: Partial<Record<Platform, Sender>>;
  channelTargets?: Partial<Record<"slack" | "teams", ChannelTarget>>;
  mount?(app: Express): void;
  /** Lets go of what it holds open (a pooled SMTP connection) once the outbox has stopped. */
  close?(): void;
}

export type AdapterFactory = (ctx: AdapterContext) => Adapter;
