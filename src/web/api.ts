import { personByPlatformId } from "../db/platform-store";
import { eq, inArray } from "drizzle-orm";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Assistant } from "../bot/assistant";
import { hasDashboard } from "../core/access";
import type { Clock } from "../core/clock";
import { isPulsenError, PulsenError, type PulsenErrorCode } from "../core/errors";
import { idSchema } from "../core/ids";
import { sayCode, sayError, sayProblem } from "../core/problem-text";
import { LOCALES } from "../core/locale";
import type { Db } from "../db/open";
import { chooseLocale } from "../db/person-settings";
import { unitChannels, units } from "../db/schema";
import { dashboardPeople } from "../db/viewer-store";
import type { Platform } from "../jobs/sender";
import type { Logger } from "../log";
import type {
  ChannelSetResponse,
  ChannelsResponse,
  CommentsResponse,
  InsightsResponse,
  LocaleChosenResponse,
  MeResponse,
  OkResponse,
  ParticipationResponse,
  ResultsResponse,
  RoundsResponse,
  SessionResponse,
  SignedInResponse,
  UnitVisualsResponse,
} from "./api-types";
import type { ChannelResolvers } from "./channel-targets";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "./cookies";
import { attributeRoutes } from "./attributes-api";
import { hrRoutes } from "./hr-api";
import { planRoutes } from "./plan-api";
import { resultsExportRoutes } from "./results-export-api";
import { parse, readerLocale, roundIdParam, route, unitIdParam, viewerFrom } from "./request";
import { roundInsights } from "../reports/insights";
import { liveParticipation, listRounds, roundComments, roundResults } from "./results";
import type { Sessions } from "./sessions";
import type { TeamsSso } from "./teams-sso";
import { unitVisuals } from "./unit-visuals";

export interface ApiDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  sessions: Sessions;
  assistant: Assistant;
  anonymityMin: number;
  /** May this request pick a person to look as? (DESIGN.md rule 9, decided in caller.ts) */
  demoPicker: (req: Request) => boolean;
  teamsSso: TeamsSso | null;
  channels: ChannelResolvers;
  secureCookies: boolean;
  /** Where measure updates are announced. */
  platforms: ReadonlySet<Platform>;
}

const STATUS: Record<PulsenErrorCode, number> = {
  input_invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  config_invalid: 500,
  internal: 500,
};

const tokenBody = z.object({ token: z.string().min(20, "is missing").max(10_000, "is too long") }).strict();
const localeBody = z.object({ locale: z.enum(LOCALES, { error: "must be nb, nn or en" }) }).strict();
const demoBody = z.object({ personId: idSchema("person") }).strict();
const channelBody = z
  .object({
    platform: z.enum(["slack", "teams"], { error: "must be slack or teams" }),
    channelId: z.string().trim().min(1, "is missing").max(200, "is too long"),
  })
  .strict();

/**
 * The dashboard's JSON under /api. Every route but sign-in needs a session;
 * every answer passes through the viewer's access and the anonymity engine.
 */
export function dashboardApi(deps: ApiDeps): Router {
  const api = Router();
  api.use((_req, res, next) => {
    // Results and comments must not linger in a shared cache.
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  api.use(express.json({ limit: "64kb" }));

  const viewerOf = viewerFrom(deps);

  api.get(
    "/session",
    route((req): SessionResponse => {
      const token = readSessionToken(req);
      const personId = token === null ? null : deps.sessions.personFor(token);
      const demo = deps.demoPicker(req);
      const pick = demo && personId === null ? dashboardPeople(deps.db) : [];
      return { signedIn: personId !== null, demo, teamsSso: deps.teamsSso !== null, people: pick };
    }),
  );

  api.post(
    "/session/demo",
    route((req, res): SignedInResponse => {
      if (!deps.demoPicker(req)) {
        throw new PulsenError("forbidden", { kind: "demo_picker_only" });
      }
      const { personId } = parse(demoBody, req.body, "body");
      if (!dashboardPeople(deps.db).some((p) => p.id === personId))
        throw new PulsenError("not_found", { kind: "demo_person_unknown" });
      const token = deps.sessions.create(personId, "demo");
      res.setHeader("Set-Cookie", sessionCookie(token, deps.secureCookies));
      return { session: token };
    }),
  );

  api.post(
    "/session/teams",
    route(async (req): Promise<SignedInResponse> => {
      if (deps.teamsSso === null) throw new PulsenError("forbidden", { kind: "teams_sign_in_off" });
      const { token } = parse(tokenBody, req.body, "body");
      const aad = await deps.teamsSso.verify(token);
      // The same lookup the bot uses for a Teams message.
      const personId = personByPlatformId(deps.db, "teams", aad);
      if (personId === null) throw new PulsenError("forbidden", { kind: "teams_account_unknown" });
      // The tab keeps the session in memory and sends it as a bearer token: Teams' frame blocks cookies.
      return { session: deps.sessions.create(personId, "teams") };
    }),
  );

  api.delete(
    "/session",
    route((req, res): OkResponse => {
      const token = readSessionToken(req);
      if (token !== null) deps.sessions.end(token);
      res.setHeader("Set-Cookie", clearedSessionCookie(deps.secureCookies));
      return { ok: true };
    }),
  );

  api.get(
    "/me",
    route((req): MeResponse => {
      const v = viewerOf(req);
      const roles = { hr: v.roles.includes("hr"), leader: v.leads.length > 0, dashboard: hasDashboard(v.access) };
      return { name: v.name, locale: v.locale, chosenLocale: v.chosenLocale, roles: v.roles, ...roles };
    }),
  );

  api.post(
    "/me/locale",
    route((req): LocaleChosenResponse => {
      const v = viewerOf(req);
      const { locale } = parse(localeBody, req.body, "body");
      chooseLocale(deps.db, v.id, locale, deps.clock.now());
      return { locale };
    }),
  );

  api.get(
    "/rounds",
    route((req): RoundsResponse => {
      const v = viewerOf(req);
      if (!hasDashboard(v.access)) return { rounds: [] };
      return { rounds: listRounds(deps.db, v.locale) };
    }),
  );

  api.get(
    "/rounds/:id/participation",
    route(
      (req): ParticipationResponse =>
        liveParticipation(deps.db, parse(roundIdParam, req.params.id, "round"), viewerOf(req), deps.anonymityMin),
    ),
  );

  api.get(
    "/rounds/:id/results",
    route(
      (req): ResultsResponse =>
        roundResults(deps.db, parse(roundIdParam, req.params.id, "round"), viewerOf(req), deps.anonymityMin),
    ),
  );

  api.get(
    "/rounds/:id/insights",
    route((req): InsightsResponse => {
      const v = viewerOf(req);
      // Segments and drivers compare every unit with the others: HR's view only.
      if (!v.roles.includes("hr")) throw new PulsenError("forbidden", { kind: "hr_only", what: "insights" });
      return roundInsights(deps.db, parse(roundIdParam, req.params.id, "round"), deps.anonymityMin);
    }),
  );

  api.get(
    "/rounds/:id/units/:unit/comments",
    route((req): CommentsResponse => {
      const round = parse(roundIdParam, req.params.id, "round");
      const unit = parse(unitIdParam, req.params.unit, "unit");
      return { comments: roundComments(deps.db, round, unit, viewerOf(req), deps.anonymityMin) };
    }),
  );

  api.get(
    "/rounds/:id/units/:unit/visuals",
    route((req): UnitVisualsResponse => {
      const round = parse(roundIdParam, req.params.id, "round");
      const unit = parse(unitIdParam, req.params.unit, "unit");
      return unitVisuals(deps.db, round, unit, viewerOf(req), deps.anonymityMin);
    }),
  );

  api.get(
    "/channels",
    route((req): ChannelsResponse => {
      const v = viewerOf(req);
      const ids = [...v.access.channels];
      if (ids.length === 0) return { platforms: deps.channels.platforms(), units: [] };
      const rows = deps.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(inArray(units.id, ids))
        .orderBy(units.path)
        .all();
      const set = deps.db.select().from(unitChannels).where(inArray(unitChannels.unitId, ids)).all();
      return {
        platforms: deps.channels.platforms(),
        units: rows.map((u) => ({
          id: u.id,
          path: u.path,
          channels: Object.fromEntries(
            set
              .filter((c) => c.unitId === u.id)
              .map((c) => [c.platform, deps.channels.describe(c.platform, c.channel)]),
          ),
        })),
      };
    }),
  );

  api.put(
    "/units/:unit/channel",
    route((req): ChannelSetResponse => {
      const v = viewerOf(req);
      const id = parse(unitIdParam, req.params.unit, "unit");
      const body = parse(channelBody, req.body, "body");
      if (!v.access.channels.has(id))
        throw new PulsenError("forbidden", { kind: "leaders_and_hr_only", what: "channels" });
      const unit = deps.db.select({ path: units.path }).from(units).where(eq(units.id, id)).get();
      if (unit === undefined) throw new PulsenError("not_found", { kind: "unit_unknown" });
      const channel = deps.channels.resolve(body.platform, v.id, body.channelId);
      const r = deps.assistant.setChannel(v.id, body.platform, channel.channel, channel.label, unit.path);
      // The bot's own refusal (its words are for chat); the access check above makes this rare.
      if (!r.ok) throw new PulsenError("forbidden", { kind: "leaders_and_hr_only", what: "channels" });
      return { unit: unit.path, platform: body.platform, channel: channel.label };
    }),
  );

  planRoutes(api, { ...deps, viewerOf });
  resultsExportRoutes(api, { ...deps, viewerOf });
  hrRoutes(api, { ...deps, viewerOf });
  attributeRoutes(api, { ...deps, viewerOf });

  api.use((_req, res) => void res.status(404).json({ error: "not_found" }));
  api.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (isPulsenError(err)) {
      // In the reader's language; `details`: one line per problem (a CSV's bad lines), never an answer.
      const said = sayError(err, readerLocale(deps, req));
      const details = said.details.length > 0 ? { details: said.details } : {};
      const field = err.problem?.kind === "field_invalid" ? { field: err.problem.field } : {};
      // One line per refusal, with its code and the field's name: never the value, which may be an answer.
      const status = STATUS[err.code];
      const line = { path: req.path, status, error: err.code, ...field };
      if (status >= 500) deps.logger.error(line, "dashboard request failed");
      else deps.logger.warn(line, "dashboard request refused");
      res.status(status).json({ error: err.code, message: said.message, ...details, ...field });
      return;
    }
    // Body parser errors (bad JSON) are the caller's; anything else is ours. Never echo the body.
    const status =
      typeof err === "object" && err !== null && "status" in err && typeof err.status === "number" && err.status < 500
        ? err.status
        : 500;
    if (status >= 500) deps.logger.error({ path: req.path, err }, "dashboard request failed");
    else deps.logger.warn({ path: req.path, status }, "dashboard request refused");
    const locale = readerLocale(deps, req);
    res.status(status).json({
      error: status >= 500 ? "internal" : "input_invalid",
      message: status >= 500 ? sayCode("internal", locale) : sayProblem({ kind: "body_unreadable" }, locale),
    });
  });
  return api;
}
