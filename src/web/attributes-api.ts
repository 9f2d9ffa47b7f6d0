import type { Request, Router } from "express";
import { z } from "zod";
import { PulsenError } from "../core/errors";
import { attributeName } from "../core/org-attributes";
import type { Db } from "../db/open";
import type { Viewer } from "../db/viewer-store";
import { attributeReport, roundAttributeNames } from "../reports/attributes";
import type { AttributeNamesResponse, AttributeReportResponse } from "./api-types";
import { parse, roundIdParam, route } from "./request";

export interface AttributeApiDeps {
  db: Db;
  viewerOf: (req: Request) => Viewer;
  anonymityMin: number;
}

/** A name as the CSV allows it (src/core/org-attributes.ts); anything else is a 400, not a lookup. */
const nameParam = z
  .string()
  .max(60)
  .refine((s) => attributeName(s) === s, "must be lower-case a-z, 0-9 and _");

/**
 * Results by background variable: the organization's only (DESIGN.md rule 8), so HR's alone; the role is
 * checked here on every request, whatever the page shows. Leaders and reps get 403.
 */
export function attributeRoutes(api: Router, deps: AttributeApiDeps): void {
  const hrOnly = (req: Request) => {
    if (!deps.viewerOf(req).roles.includes("hr")) throw new PulsenError("forbidden", { kind: "attributes_hr_only" });
  };
  api.get(
    "/rounds/:id/attributes",
    route((req): AttributeNamesResponse => {
      hrOnly(req);
      return { names: roundAttributeNames(deps.db, parse(roundIdParam, req.params.id, "round")) };
    }),
  );
  api.get(
    "/rounds/:id/attributes/:name",
    route((req): AttributeReportResponse => {
      hrOnly(req);
      const round = parse(roundIdParam, req.params.id, "round");
      const name = parse(nameParam, req.params.name, "name");
      return attributeReport(deps.db, round, name, deps.anonymityMin);
    }),
  );
}
