import express, { type Request, type Router } from "express";
import { z } from "zod";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import type { PersonId } from "../core/ids";
import { listAudit, recordAudit } from "../db/audit-store";
import type { Db } from "../db/open";
import type { Viewer } from "../db/viewer-store";
import { truncateWal } from "../db/traces";
import { closeRoundNow, extendRound, openRoundNow, remindNow } from "../rounds/controls";
import { exportOrgCsv } from "../org/export";
import { eq } from "drizzle-orm";
import { formatDateTime } from "../bot/catalog";
import { invitationPreview } from "../bot/invitation-preview";
import { cadenceOfSchedule, nextRuns, scheduleOfCadence } from "../core/cadence";
import { idSchema } from "../core/ids";
import { orgTimeZone } from "../db/org-store";
import { rounds } from "../db/schema";
import type { Platform } from "../jobs/sender";
import { fixFor, reachOf } from "../rounds/reach";
import { reachedByChannel, unreachable } from "../rounds/status";
import { itemCount, parseInstrument } from "../core/instrument";
import { addCustomInstrument, listInstruments } from "../db/instrument-store";
import { createSeries, editSeries, getSeries, listSeries, pauseSeries, resumeSeries } from "../rounds/series";
import { type ImportSummary, importOrgCsv, importSummary } from "../org/import";
import type {
  AuditResponse,
  OkResponse,
  OpenPreviewResponse,
  RoundClosedResponse,
  RoundExtendedResponse,
  RoundOpenedResponse,
  RoundRemindedResponse,
  SeriesResponse,
  SeriesCreatedResponse,
  SeriesEditedResponse,
  InstrumentsResponse,
  InstrumentAddedResponse,
  UnreachableResponse,
} from "./api-types";
import { parse, roundIdParam, route } from "./request";

export interface HrApiDeps {
  db: Db;
  clock: Clock;
  viewerOf: (req: Request) => Viewer;
  /** Who a round reaches, as openRound decides it. */
  platforms: ReadonlySet<Platform>;
  anonymityMin: number;
}

const seriesIdParam = idSchema("series");

/**
 * A series as HR's form says it: a weekday and a time, weekly or on the first such weekday of each month
 * (`FormSchedule`). The server writes the cron expression (read in the organization's zone), so the form
 * never needs to. The same body creates a series and changes one.
 */
const seriesBody = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(120),
    instrumentId: z.string().trim().min(1).max(80),
    audience: z.string().trim().min(1).max(500),
    every: z.enum(["week", "month"]),
    weekday: z.number().int().min(1).max(7),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM"),
    openDays: z.number().int().min(1, "must be at least 1").max(90, "must be at most 90"),
    reminderDays: z.array(z.number().int().min(1)).max(10),
  })
  .strict();

const extendBody = z.object({ until: z.string().max(20) }).strict();
// A dry run unless the caller confirms: what HR sees first changes nothing.
const importQuery = z.object({
  dryRun: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

/**
 * HR's controls on a running round, and the audit log. Every route checks
 * the HR role here, on the server; every write is audited with who did it.
 */
export function hrRoutes(api: Router, deps: HrApiDeps): void {
  const hr = (req: Request): { personId: PersonId } => {
    const viewer = deps.viewerOf(req);
    if (!viewer.roles.includes("hr")) throw new PulsenError("forbidden", { kind: "hr_only", what: "rounds" });
    return { personId: viewer.id as PersonId };
  };
  const actor = (req: Request) => ({ via: "web" as const, personId: hr(req).personId });

  api.post(
    "/rounds/:id/remind",
    route((req): RoundRemindedResponse => {
      const who = actor(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      const now = deps.clock.now();
      const queued = deps.db.transaction((tx) => remindNow(tx, roundId, now, deps.anonymityMin, who));
      return { queued };
    }),
  );

  api.post(
    "/rounds/:id/extend",
    route((req): RoundExtendedResponse => {
      const who = actor(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      const { until } = parse(extendBody, req.body, "body");
      const now = deps.clock.now();
      const closesAt = deps.db.transaction((tx) => extendRound(tx, roundId, until, now, who));
      return { closesAt: closesAt.toISOString() };
    }),
  );

  api.post(
    "/rounds/:id/close",
    route((req): RoundClosedResponse => {
      const who = actor(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      const now = deps.clock.now();
      const closed = deps.db.transaction((tx) => closeRoundNow(tx, roundId, now, who));
      if (!closed) throw new PulsenError("conflict", { kind: "round_already_closed", id: roundId });
      // The close flushed drafts into the anonymous tables: no copy may stay in the WAL.
      truncateWal(deps.db);
      return { closed: true };
    }),
  );

  api.post(
    "/org/import",
    // The role first: nobody but HR makes the server read 5 MB.
    (req, _res, next) => {
      try {
        hr(req);
        next();
      } catch (e) {
        next(e);
      }
    },
    // The file as it is, any content type: the CSV reader decides what it is (and says so if it is not).
    express.raw({ type: () => true, limit: "5mb" }),
    route((req): ImportSummary => {
      const who = actor(req);
      const { dryRun } = parse(importQuery, req.query, "query");
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new PulsenError("input_invalid", { kind: "file_not_attached" });
      }
      const plan = importOrgCsv(deps.db, req.body, { dryRun, clock: deps.clock, audit: { actor: who, file: null } });
      return importSummary(plan, dryRun);
    }),
  );

  api.get("/org/export", (req, res, next) => {
    try {
      const who = actor(req);
      const text = exportOrgCsv(deps.db, { excel: true });
      recordAudit(deps.db, who, "org.export", null, { excel: true }, deps.clock.now());
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", 'attachment; filename="pulsen-organisasjon.csv"');
      res.setHeader("Cache-Control", "no-store");
      res.send(text);
    } catch (e) {
      next(e);
    }
  });

  api.get(
    "/series",
    route((req): SeriesResponse => {
      const viewer = deps.viewerOf(req);
      hr(req);
      const tz = orgTimeZone(deps.db);
      const now = deps.clock.now();
      const open = new Map(
        deps.db
          .select({ id: rounds.id, seriesId: rounds.seriesId })
          .from(rounds)
          .where(eq(rounds.status, "open"))
          .all()
          .map((r) => [r.seriesId, r.id]),
      );
      return {
        series: listSeries(deps.db).map((s) => {
          // The next runs in the organization's zone and the reader's language, as the server writes dates.
          const runs = s.status === "active" ? nextRuns(s.cadence, tz, now) : { ok: false as const };
          const next = runs.ok ? runs.next.map((d) => formatDateTime(d, viewer.locale, tz)) : [];
          return {
            id: s.id,
            name: s.name,
            // null: everyone (the page says it in the reader's language).
            audience: s.audience === "all" ? null : s.audience,
            status: s.status,
            next,
            openRound: open.get(s.id) ?? null,
            // The edit form starts from the series as it is. A schedule the form cannot say (a cron written
            // with the CLI) is null rather than the whole form: HR can still rename it or change who is asked,
            // and the page says that saving replaces that schedule with the day and time chosen.
            form: {
              name: s.name,
              instrumentId: s.instrument,
              audience: s.audience,
              schedule: scheduleOfCadence(s.cadence),
              openDays: s.openDays,
              reminderDays: s.reminderDays,
            },
          };
        }),
      };
    }),
  );

  api.get(
    "/series/:id/preview",
    route((req): OpenPreviewResponse => {
      const viewer = deps.viewerOf(req);
      hr(req);
      const s = getSeries(deps.db, parse(seriesIdParam, req.params.id, "series"));
      const message = invitationPreview(deps.db, s, viewer.locale, deps.anonymityMin, deps.clock.now());
      return { ...reachOf(deps.db, s, deps.platforms), message };
    }),
  );

  api.post(
    "/series",
    route((req): SeriesCreatedResponse => {
      const who = actor(req);
      const viewer = deps.viewerOf(req);
      const b = parse(seriesBody, req.body, "body");
      const now = deps.clock.now();
      const input = { ...b, cadence: cadenceOfSchedule(b), window: { start: 480, end: 1020, weekdaysOnly: true } };
      const created = createSeries(deps.db, input, now);
      recordAudit(deps.db, who, "series.create", created.id, { instrument: b.instrumentId }, now);
      const tz = orgTimeZone(deps.db);
      return { id: created.id, next: created.next.slice(0, 3).map((d) => formatDateTime(d, viewer.locale, tz)) };
    }),
  );

  // PUT: the form's whole body replaces the series' settings (saving twice changes nothing more).
  api.put(
    "/series/:id",
    route((req): SeriesEditedResponse => {
      const who = actor(req);
      const viewer = deps.viewerOf(req);
      const id = parse(seriesIdParam, req.params.id, "series");
      const b = parse(seriesBody, req.body, "body");
      const now = deps.clock.now();
      // The send window, statements per round and maximum of reminders are not on the form: they stay.
      const edited = editSeries(deps.db, id, { ...b, cadence: cadenceOfSchedule(b) }, now);
      recordAudit(deps.db, who, "series.edit", id, { changed: edited.changed.join(", ") }, now);
      const tz = orgTimeZone(deps.db);
      return { next: edited.next.map((d) => formatDateTime(d, viewer.locale, tz)) };
    }),
  );

  for (const [path, action] of [
    ["pause", "series.pause"],
    ["resume", "series.resume"],
  ] as const) {
    api.post(
      `/series/:id/${path}`,
      route((req): OkResponse => {
        const who = actor(req);
        const id = parse(seriesIdParam, req.params.id, "series");
        getSeries(deps.db, id);
        const now = deps.clock.now();
        if (path === "pause") pauseSeries(deps.db, id);
        else resumeSeries(deps.db, id, now);
        recordAudit(deps.db, who, action, id, {}, now);
        return { ok: true };
      }),
    );
  }

  api.post(
    "/series/:id/open",
    route((req): RoundOpenedResponse => {
      const who = actor(req);
      const id = parse(seriesIdParam, req.params.id, "series");
      const now = deps.clock.now();
      const r = deps.db.transaction((tx) => openRoundNow(tx, id, now, { platforms: deps.platforms, actor: who }));
      if ("alreadyOpen" in r)
        throw new PulsenError("conflict", { kind: "series_has_open_round", round: r.alreadyOpen });
      return { id: r.opened };
    }),
  );

  api.get(
    "/rounds/:id/unreachable",
    route((req): UnreachableResponse => {
      hr(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      // Names and addresses for HR only, who must fix them; never beside anything they answered.
      return {
        reached: reachedByChannel(deps.db, roundId),
        people: unreachable(deps.db, roundId).map((p) => ({ ...p, fix: fixFor(p.reason) })),
      };
    }),
  );

  api.get(
    "/instruments",
    route((req): InstrumentsResponse => {
      const viewer = deps.viewerOf(req);
      hr(req);
      return {
        instruments: listInstruments(deps.db).map(({ source, instrument: i }) => ({
          id: i.id,
          name: i.name[viewer.locale],
          version: i.version,
          source,
          factors: i.factors.length,
          statements: itemCount(i),
        })),
      };
    }),
  );

  api.post(
    "/instruments",
    route((req): InstrumentAddedResponse => {
      const who = actor(req);
      const parsed = parseInstrument(req.body);
      if (!parsed.ok) {
        const n = parsed.errors.length;
        const problems = parsed.problems ?? [];
        throw new PulsenError("input_invalid", { kind: "instrument_has_errors", count: n }, parsed.errors, {
          problems,
        });
      }
      const inst = parsed.value;
      addCustomInstrument(deps.db, inst, deps.clock);
      recordAudit(deps.db, who, "instrument.add", inst.id, { version: inst.version }, deps.clock.now());
      return { id: inst.id, version: inst.version };
    }),
  );

  api.get(
    "/audit",
    route((req): AuditResponse => {
      hr(req);
      return {
        entries: listAudit(deps.db).map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    }),
  );
}
