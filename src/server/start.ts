import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../core/clock";
import { type Config, describeConfig, enabledPlatforms } from "../config";
import { OutboxDrainer } from "../jobs/outbox";
import { JobRunner } from "../jobs/queue";
import { Scheduler } from "../jobs/scheduler";
import type { Platform, Sender } from "../jobs/sender";
import { queueDigests } from "../rounds/digests";
import { roundJobHandlers } from "../rounds/handlers";
import { planJobHandlers } from "../plans/follow-up";
import { retentionJobHandlers, scheduleRetention } from "../rounds/retention";
import { Assistant } from "../bot/assistant";
import { SurveyBot } from "../bot/survey";
import { PlanMaking } from "../bot/plan-making";
import { ChatService } from "../bot/chat-service";
import { WebchatService } from "../bot/webchat-service";
import { WebchatStore } from "../db/webchat-store";
import { LinkService } from "../bot/link-service";
import { LinkStore } from "../db/link-store";
import { seedDemo } from "../demo/seed";
import type { AdapterFactory, ChatAccess } from "./adapter";
import { storeBuiltins } from "../db/instrument-store";
import { type DatabaseHandle, openDatabase } from "../db/open";
import { scrubNextTurn, WorkerWalScrub } from "../db/wal-scrub";
import { builtinInstruments } from "../instruments/catalog";
import type { Logger } from "../log";
import { createHttpApp, finishHttpApp, listen } from "./http";
import { dashboardApi } from "../web/api";
import { demoPickerAllowed, isHrSession } from "../web/caller";
import { channelResolvers } from "../web/channel-targets";
import { dashboardPages } from "../web/pages";
import { resultsPages } from "../web/results-pages";
import { LINK_TTL_MS, Sessions } from "../web/sessions";
import { TeamsSso } from "../web/teams-sso";

export interface RunningServer {
  server: Server;
  bot: SurveyBot;
  /** The port the adapters talk through (tests drive senders with it). */
  chat: ChatService;
  /** Personal links (tests mint them as the e-mail and SMS senders do). */
  links: LinkService;
  scheduler: Scheduler;
  port: number;
  url: string;
  database: DatabaseHandle;
  sessions: Sessions;
  stop(): Promise<void>;
}

/** Opens and migrates the database, then serves everything on one port. */
export interface ServerOptions {
  /** The platform adapters to mount (the composition root chooses them). */
  adapters?: AdapterFactory[];
  /** Extra senders (tests). */
  senders?: Partial<Record<Platform, Sender>>;
  /** node-cron expression for the scheduler's tick; null: no automatic ticks (tests tick by hand). */
  tick?: string | null;
  /** Seed the demo organization into an empty database (npm start without credentials). */
  seedDemo?: boolean;
}

/** How this machine reaches the server: localhost when it listens everywhere, else the address itself. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startServer(
  config: Config,
  logger: Logger,
  clock: Clock,
  opts: ServerOptions = {},
): Promise<RunningServer> {
  logger.info({ config: describeConfig(config) }, "starting");
  const database = openDatabase(config.databasePath);
  storeBuiltins(database.db, builtinInstruments(), clock);
  if (opts.seedDemo && config.slack === null && config.teams === null) {
    const seeded = seedDemo(database.db, clock);
    if (seeded.seeded) logger.info({ round: seeded.roundId }, "seeded the demo organization");
  }
  const platforms = enabledPlatforms(config);
  const scrub = database.sqlite.memory ? scrubNextTurn(database.db) : new WorkerWalScrub(database.db, logger);
  const bot = new SurveyBot(database.db, clock, config.anonymityMin, logger, config.publicUrl, platforms, scrub);
  const sessions = new Sessions(database.db, clock);
  const signIn = (personId: string) => ({
    url: `${config.publicUrl}/signin?token=${sessions.createLink(personId)}`,
    minutes: LINK_TTL_MS / 60_000,
  });
  const assistant = new Assistant(database.db, clock, config.publicUrl, config.anonymityMin, signIn);
  // One answer to "may this request use the demo picker?" for /chat and /api alike (DESIGN.md rule 9).
  const access: ChatAccess = {
    demoPicker: (req) => demoPickerAllowed(database.db, req),
    isHr: (req) => isHrSession({ db: database.db, sessions }, req),
  };
  const plans = new PlanMaking(database.db, clock, config.anonymityMin, platforms);
  const chat = new ChatService(database.db, clock, bot, assistant, plans);
  const webchat = new WebchatService(database.db, new WebchatStore(database.db, clock));
  const links = new LinkService(database.db, new LinkStore(database.db, clock), clock, config.publicUrl);
  const context = { chat, webchat, links, logger, config, clock, platforms, access };
  const adapters = (opts.adapters ?? []).map((make) => make(context));
  const senders = Object.assign({}, ...adapters.map((a) => a.senders ?? {}), opts.senders ?? {}) as Partial<
    Record<Platform, Sender>
  >;
  const handlers = {
    ...roundJobHandlers({
      logger,
      now: () => clock.now(),
      platforms,
      anonymityMin: config.anonymityMin,
      onRoundClosed: [queueDigests(platforms)],
    }),
    ...planJobHandlers({ now: () => clock.now(), platforms }),
    ...retentionJobHandlers({ months: config.retentionMonths, k: config.anonymityMin, now: () => clock.now(), logger }),
  };
  const runner = new JobRunner(database.db, clock, handlers, logger);
  const drainer = new OutboxDrainer(database.db, clock, senders, logger);
  const scheduler = new Scheduler(database.db, runner, drainer, logger);
  if (config.retentionMonths !== null) scheduleRetention(database.db, clock.now());
  const app = createHttpApp({ logger, healthy: () => database.sqlite.open, publicUrl: config.publicUrl });
  for (const a of adapters) a.mount?.(app);
  // After the adapters: /api/messages belongs to Teams, the rest of /api to the dashboard.
  const secureCookies = config.publicUrl.startsWith("https:");
  const teamsSso =
    config.teams?.auth === "botframework"
      ? new TeamsSso(
          {
            appId: config.teams.appId,
            publicUrl: config.publicUrl,
            tenantId: config.teams.tenantId,
            loginUrl: config.teams.loginUrl,
          },
          clock,
        )
      : null;
  const channels = channelResolvers(Object.assign({}, ...adapters.map((a) => a.channelTargets ?? {})));
  const { anonymityMin } = config;
  const api = { db: database.db, clock, logger, sessions, assistant, anonymityMin, teamsSso, channels, secureCookies };
  app.use("/api", dashboardApi({ ...api, demoPicker: access.demoPicker, platforms }));
  const accessibilityContact = config.accessibilityContact ?? null;
  app.use(resultsPages({ db: database.db, clock, sessions, anonymityMin, accessibilityContact }));
  app.use(dashboardPages({ sessions, secureCookies }));
  finishHttpApp(app, logger);
  const server = await listen(app, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const url = config.port === port ? config.publicUrl : `http://${urlHost(config.host)}:${port}`;
  logger.info({ host: config.host, port }, "listening");
  // The first tick runs whatever fell due while Pulsen was down.
  if (opts.tick !== null) scheduler.start(opts.tick);
  return {
    server,
    bot,
    chat,
    links,
    scheduler,
    port,
    url,
    database,
    sessions,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void Promise.all([scheduler.stop(), scrub.stop()]).then(() => {
            for (const a of adapters) a.close?.();
            database.close();
            resolve();
          });
        });
        server.closeAllConnections();
      }),
  };
}
