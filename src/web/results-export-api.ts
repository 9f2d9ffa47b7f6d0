import type { Request, Router } from "express";
import { z } from "zod";
import { hasDashboard } from "../core/access";
import { PulsenError } from "../core/errors";
import type { Db } from "../db/open";
import type { Viewer } from "../db/viewer-store";
import type { PrintTicketResponse } from "./api-types";
import { parse, roundIdParam, route, unitIdParam } from "./request";
import { roundResults } from "./results";
import { resultsCsv } from "./results-export";
import type { Sessions } from "./sessions";

const exportQuery = z.object({ unit: unitIdParam.optional() });

/** The results' CSV download and the printable report's ticket, under /api: reads, role-checked per route. */
export function resultsExportRoutes(
  api: Router,
  deps: { db: Db; sessions: Sessions; anonymityMin: number; viewerOf: (req: Request) => Viewer },
): void {
  api.get(
    "/rounds/:id/results.csv",
    route((req, res) => {
      const viewer = deps.viewerOf(req);
      const round = parse(roundIdParam, req.params.id, "round");
      const { unit } = parse(exportQuery, req.query, "query");
      const data = roundResults(deps.db, round, viewer, deps.anonymityMin);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="pulsen-${round}.csv"`);
      res.send(resultsCsv(data, unit ?? null, viewer.locale));
    }),
  );

  api.post(
    "/print-ticket",
    route((req): PrintTicketResponse => {
      const viewer = deps.viewerOf(req);
      if (!hasDashboard(viewer.access)) throw new PulsenError("forbidden", { kind: "sign_in_first" });
      return { ticket: deps.sessions.createPrintTicket(viewer.id) };
    }),
  );
}
