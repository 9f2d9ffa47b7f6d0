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

export interface Adapter {
  senders?: Partial<Record<Platform, Sender>>;
  mount?(app: Express): void;
}

export type AdapterFactory = (ctx: AdapterContext) => Adapter;
