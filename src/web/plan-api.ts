import { and, eq, inArray, or } from "drizzle-orm";
import type { Request, Router } from "express";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import { idSchema } from "../core/ids";
import { FOCUS_KINDS, MAX_FOCUS_AREAS, MEASURE_STATUSES, MEASURE_TEXT } from "../core/plan";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { people, rounds, unitLeaders, units } from "../db/schema";
import type { Viewer } from "../db/viewer-store";
import type { Platform } from "../jobs/sender";
import { exportPlan } from "../plans/export";
import { addMeasure, ensurePlan, findPlan, listPlans, reportMeasureStatus, setFocusAreas } from "../plans/plans";
import { subtreeUnitIds } from "../rounds/audience";
import type {
  MeasureAddedResponse,
  MeasureStatusResponse,
  PlanChangedResponse,
  PlanResponse,
  PlansResponse,
} from "./api-types";
import { parse, roundIdParam, route, unitIdParam } from "./request";

export interface PlanApiDeps {
  db: Db;
  clock: Clock;
  platforms: ReadonlySet<Platform>;
  viewerOf: (req: Request) => Viewer;
}

const focusBody = z
  .object({
    areas: z
      .array(z.object({ factorId: z.string().min(1).max(80), kind: z.enum(FOCUS_KINDS) }).strict())
      .max(MAX_FOCUS_AREAS, `choose at most ${MAX_FOCUS_AREAS}`),
  })
  .strict();
const measureBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(MEASURE_TEXT.min, `must be at least ${MEASURE_TEXT.min} characters`)
      .max(MEASURE_TEXT.max, `must be at most ${MEASURE_TEXT.max} characters`),
    responsibleId: idSchema("person"),
    deadline: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
    factorId: z.string().min(1).max(80).nullable(),
  })
  .strict();
const statusBody = z
  .object({ status: z.enum(MEASURE_STATUSES, { error: "must be not_started, in_progress or done" }) })
  .strict();
const measureIdParam = idSchema("measure");
const exportQuery = z.object({ format: z.enum(["csv", "html"], { error: "must be csv or html" }) });

/**
 * The action plan on the dashboard: anyone who sees a unit's results reads
 * its plan; HR and leaders of the unit (or above) write it; the person
 * responsible for a measure, or a plan writer, reports its status.
 */
export function planRoutes(api: Router, deps: PlanApiDeps): void {
  const target = (req: Request) => {
    const viewer = deps.viewerOf(req);
    const round = parse(roundIdParam, req.params.id, "round");
    const unit = parse(unitIdParam, req.params.unit, "unit");
    if (!viewer.access.results.has(unit)) throw new PulsenError("forbidden", { kind: "unit_not_yours" });
    return { viewer, round, unit };
  };
  const writable = (viewer: Viewer, unit: string) => {
    if (!viewer.access.plans.has(unit))
      throw new PulsenError("forbidden", { kind: "leaders_and_hr_only", what: "plan" });
  };

  api.get(
    "/rounds/:id/units/:unit/plan",
    route((req): PlanResponse => {
      const { viewer, round, unit } = target(req);
      const r = deps.db.select().from(rounds).where(eq(rounds.id, round)).get();
      if (r === undefined || r.status === "scheduled")
        throw new PulsenError("not_found", { kind: "round_unknown", id: round });
      const { instrument } = getInstrument(deps.db, r.instrumentId, r.instrumentVersion ?? undefined);
      const asked = new Set(r.itemIds ?? []);
      const canEdit = viewer.access.plans.has(unit) && r.status === "closed";
      return {
        plan: findPlan(deps.db, round, unit, deps.clock.now()),
        canEdit,
        factors: instrument.factors
          .filter((f) => f.items.some((i) => asked.has(i.id)))
          .map((f) => ({ id: f.id, name: f.name[viewer.locale] })),
        // Who can be made responsible: the unit's people (with sub-units) and its leaders. Names only, for those who write the plan.
        people: canEdit ? candidates(deps.db, unit) : [],
      };
    }),
  );

  api.put(
    "/rounds/:id/units/:unit/plan/focus",
    route((req): PlanChangedResponse => {
      const { viewer, round, unit } = target(req);
      writable(viewer, unit);
      const { areas } = parse(focusBody, req.body, "body");
      const now = deps.clock.now();
      deps.db.transaction((tx) => setFocusAreas(tx, ensurePlan(tx, round, unit, viewer.id, now), areas, now));
      return { plan: findPlan(deps.db, round, unit, now) };
    }),
  );

  api.post(
    "/rounds/:id/units/:unit/plan/measures",
    route((req): MeasureAddedResponse => {
      const { viewer, round, unit } = target(req);
      writable(viewer, unit);
      const body = parse(measureBody, req.body, "body");
      if (!candidates(deps.db, unit).some((p) => p.id === body.responsibleId))
        throw new PulsenError("input_invalid", { kind: "person_not_in_unit", field: "body.responsibleId" });
      // The deadline is a day; the status question arrives at 09:00 that day, in the organization's time zone.
      const zone = orgTimeZone(deps.db);
      const deadline = DateTime.fromISO(body.deadline, { zone }).set({ hour: 9 }).toJSDate();
      const now = deps.clock.now();
      const id = deps.db.transaction((tx) =>
        addMeasure(
          tx,
          ensurePlan(tx, round, unit, viewer.id, now),
          { text: body.text, responsibleId: body.responsibleId, deadline, factorId: body.factorId },
          viewer.id,
          now,
        ),
      );
      return { id, plan: findPlan(deps.db, round, unit, now) };
    }),
  );

  api.patch(
    "/measures/:measure",
    route((req): MeasureStatusResponse => {
      const viewer = deps.viewerOf(req);
      const id = parse(measureIdParam, req.params.measure, "measure");
      const { status } = parse(statusBody, req.body, "body");
      return reportMeasureStatus(deps.db, id, status, viewer.id, deps.platforms, deps.clock.now());
    }),
  );

  api.get(
    "/rounds/:id/units/:unit/plan/export",
    route((req, res) => {
      const { viewer, round, unit } = target(req);
      const { format } = parse(exportQuery, req.query, "query");
      const path = deps.db.select({ path: units.path }).from(units).where(eq(units.id, unit)).get()!.path;
      const out = exportPlan(deps.db, round, path, format, viewer.locale, deps.clock.now());
      res.setHeader("Content-Type", out.contentType);
      if (format === "csv") res.setHeader("Content-Disposition", `attachment; filename="tiltaksplan-${round}.csv"`);
      res.send(out.body);
    }),
  );

  api.get(
    "/plans",
    route((req): PlansResponse => {
      const viewer = deps.viewerOf(req);
      return { plans: listPlans(deps.db, deps.clock.now(), { unitIds: [...viewer.access.results] }) };
    }),
  );
}

function candidates(db: Db, unitId: string): { id: string; name: string }[] {
  const inUnits = subtreeUnitIds(db, unitId);
  const leaders = db
    .select({ id: unitLeaders.personId })
    .from(unitLeaders)
    .where(eq(unitLeaders.unitId, unitId))
    .all()
    .map((l) => l.id);
  const where =
    leaders.length > 0
      ? or(inArray(people.unitId, inUnits), inArray(people.id, leaders))
      : inArray(people.unitId, inUnits);
  return db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.active, true), where))
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, "nb"));
}
