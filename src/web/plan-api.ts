import { eq } from "drizzle-orm";
import type { Request, Router } from "express";
import { z } from "zod";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import { idSchema } from "../core/ids";
import { FOCUS_KINDS, MEASURE_STATUSES, MEASURE_TEXT } from "../core/plan";
import type { Db } from "../db/open";
import { units } from "../db/schema";
import { loadViewer, type Viewer } from "../db/viewer-store";
import type { Platform } from "../jobs/sender";
import { exportPlan } from "../plans/export";
import { addPlanMeasure, planDraft, savePlanFocus } from "../plans/plan-edit";
import { moveMeasureDeadline } from "../plans/measure-deadline";
import { plansOverview } from "../plans/overview";
import { findPlan, listPlans, reportMeasureStatus } from "../plans/plans";
import type {
  MeasureAddedResponse,
  MeasureDeadlineResponse,
  MeasureStatusResponse,
  PlanChangedResponse,
  PlanReportResponse,
  PlanResponse,
  PlansOverviewResponse,
  PlansResponse,
} from "./api-types";
import { ReportTickets } from "./report-tickets";
import { parse, roundIdParam, route, unitIdParam } from "./request";

export interface PlanApiDeps {
  db: Db;
  clock: Clock;
  platforms: ReadonlySet<Platform>;
  anonymityMin: number;
  viewerOf: (req: Request) => Viewer;
}

const focusBody = z
  .object({
    // How many of each kind is the plan's rule (src/core/plan.ts), said as a problem; this only bounds the body.
    areas: z.array(z.object({ factorId: z.string().min(1).max(80), kind: z.enum(FOCUS_KINDS) }).strict()).max(20),
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
    factorId: z.string().min(1).max(80),
  })
  .strict();
const statusBody = z
  .object({ status: z.enum(MEASURE_STATUSES, { error: "must be not_started, in_progress or done" }) })
  .strict();
const measureIdParam = idSchema("measure");
/** The report page: our own stylesheet, nothing else, no script. */
const REPORT_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
const deadlineBody = z.object({ deadline: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }) }).strict();
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

  api.get(
    "/rounds/:id/units/:unit/plan",
    route((req): PlanResponse => {
      const { viewer, round, unit } = target(req);
      return planDraft(
        deps.db,
        { roundId: round, unitId: unit, personId: viewer.id },
        deps.anonymityMin,
        deps.clock.now(),
      );
    }),
  );

  api.put(
    "/rounds/:id/units/:unit/plan/focus",
    route((req): PlanChangedResponse => {
      const { viewer, round, unit } = target(req);
      const { areas } = parse(focusBody, req.body, "body");
      const t = { roundId: round, unitId: unit, personId: viewer.id };
      return { plan: savePlanFocus(deps.db, t, areas, deps.clock.now()) };
    }),
  );

  api.post(
    "/rounds/:id/units/:unit/plan/measures",
    route((req): MeasureAddedResponse => {
      const { viewer, round, unit } = target(req);
      const body = parse(measureBody, req.body, "body");
      return addPlanMeasure(deps.db, { roundId: round, unitId: unit, personId: viewer.id }, body, deps.clock.now());
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
      // The page's styles by link: the CSP every route sends refuses an inline <style>.
      const out = exportPlan(deps.db, round, path, format, viewer.locale, deps.clock.now(), { styles: "link" });
      res.setHeader("Content-Type", out.contentType);
      if (format === "csv") res.setHeader("Content-Disposition", `attachment; filename="tiltaksplan-${round}.csv"`);
      res.send(out.body);
    }),
  );

  api.patch(
    "/measures/:measure/deadline",
    route((req): MeasureDeadlineResponse => {
      const viewer = deps.viewerOf(req);
      const id = parse(measureIdParam, req.params.measure, "measure");
      const { deadline } = parse(deadlineBody, req.body, "body");
      const moved = moveMeasureDeadline(deps.db, id, deadline, viewer.id, deps.clock.now());
      return { deadline: moved.deadline.toISOString(), changed: moved.changed };
    }),
  );

  api.get(
    "/plans/overview",
    route((req): PlansOverviewResponse => {
      const viewer = deps.viewerOf(req);
      // Every unit's plan at once: HR's, like the insights across the organization.
      if (!viewer.roles.includes("hr")) throw new PulsenError("forbidden", { kind: "hr_only", what: "insights" });
      return plansOverview(deps.db, deps.clock.now());
    }),
  );

  // The printable report: a ticket through the API (with the tab's bearer session), then a page by URL.
  const tickets = new ReportTickets(deps.clock);
  api.post(
    "/rounds/:id/units/:unit/plan/report",
    route((req): PlanReportResponse => {
      const { viewer, round, unit } = target(req);
      if (findPlan(deps.db, round, unit, deps.clock.now()) === null)
        throw new PulsenError("not_found", { kind: "plan_unknown" });
      const ticket = tickets.issue({ personId: viewer.id, roundId: round, unitId: unit, locale: viewer.locale });
      return { url: `/api/plan-report/${ticket}` };
    }),
  );
  api.get(
    "/plan-report/:ticket",
    route((req, res) => {
      const t = tickets.redeem(String(req.params.ticket));
      if (t === null) throw new PulsenError("forbidden", { kind: "link_used_or_expired" });
      // Checked again on opening: access may have changed since the ticket was issued.
      const viewer = loadViewer(deps.db, t.personId);
      if (viewer === null || !viewer.access.results.has(t.unitId))
        throw new PulsenError("forbidden", { kind: "unit_not_yours" });
      const path = deps.db.select({ path: units.path }).from(units).where(eq(units.id, t.unitId)).get()!.path;
      const out = exportPlan(deps.db, t.roundId, path, "html", t.locale, deps.clock.now(), { styles: "link" });
      res.setHeader("Content-Security-Policy", REPORT_CSP);
      res.setHeader("Referrer-Policy", "no-referrer");
      res.setHeader("Content-Type", out.contentType);
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
