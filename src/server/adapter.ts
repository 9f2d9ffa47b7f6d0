import type { Express } from "express";
import type { Assistant } from "../bot/assistant";
import type { SurveyBot } from "../bot/survey";
import type { Config } from "../config";
import type { Clock } from "../core/clock";
import type { Db } from "../db/open";
import type { Platform, Sender } from "../jobs/sender";
import type { Logger } from "../log";

/** What a platform adapter gets from the server, and what it gives back. */
export interface AdapterContext {
  db: Db;
  bot: SurveyBot;
  assistant: Assistant;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** No Slack or Teams configured: the local web chat delivers (demo). */
  demo: boolean;
}

/** How the dashboard names a platform channel: from the id a person types or the Teams tab knows, to what the sender needs. */
export interface ChannelTarget {
  /** The stored form of a channel id, or a PulsenError("input_invalid") naming what is wrong. */
  resolve(personId: string, channelId: string): { channel: string; label: string };
  /** A short human label for a stored channel. */
  describe(channel: string): string;
}

export interface Adapter {
  senders?: Partial<Record<Platform, Sender>>;
  channelTargets?: Partial<Record<"slack" | "teams", ChannelTarget>>;
  mount?(app: Express): void;
}

export type AdapterFactory = (ctx: AdapterContext) => Adapter;
