import express, { type Request, type Router } from "express";
import { z } from "zod";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import type { PersonId } from "../core/ids";
import { listAudit, recordAudit } from "../db/audit-store";
import type { Db } from "../db/open";
import type { Viewer } from "../db/viewer-store";
import { truncateWal } from "../db/traces";
import { closeRound } from "../rounds/close";
import { extendRound, remindNow } from "../rounds/controls";
import { exportOrgCsv } from "../org/export";
import { type ImportSummary, importOrgCsv, importSummary } from "../org/import";
import type { AuditResponse, RoundClosedResponse, RoundExtendedResponse, RoundRemindedResponse } from "./api-types";
import { parse, roundIdParam, route } from "./request";

export interface HrApiDeps {
  db: Db;
  clock: Clock;
  viewerOf: (req: Request) => Viewer;
}

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
    if (!viewer.roles.includes("hr")) throw new PulsenError("forbidden", "running rounds is for HR");
    return { personId: viewer.id as PersonId };
  };
  const actor = (req: Request) => ({ via: "web" as const, personId: hr(req).personId });

  api.post(
    "/rounds/:id/remind",
    route((req): RoundRemindedResponse => {
      const who = actor(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      const now = deps.clock.now();
      const queued = deps.db.transaction((tx) => {
        const n = remindNow(tx, roundId, now);
        recordAudit(tx, who, "round.remind", roundId, { queued: n }, now);
        return n;
      });
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
      const closesAt = deps.db.transaction((tx) => {
        const at = extendRound(tx, roundId, until, now);
        recordAudit(tx, who, "round.extend", roundId, { closesAt: at.toISOString() }, now);
        return at;
      });
      return { closesAt: closesAt.toISOString() };
    }),
  );

  api.post(
    "/rounds/:id/close",
    route((req): RoundClosedResponse => {
      const who = actor(req);
      const roundId = parse(roundIdParam, req.params.id, "round");
      const now = deps.clock.now();
      const closed = deps.db.transaction((tx) => {
        const done = closeRound(tx, roundId, now);
        if (done) recordAudit(tx, who, "round.close", roundId, {}, now);
        return done;
      });
      if (!closed) throw new PulsenError("conflict", `round ${roundId} is already closed`);
      // The close flushed drafts into the anonymous tables: no copy may stay in the WAL.
      truncateWal(deps.db);
      return { closed: true };
    }),
  );

  api.post(
    "/org/import",
    // The file as it is, any content type: the CSV reader decides what it is (and says so if it is not).
    express.raw({ type: () => true, limit: "5mb" }),
    route((req): ImportSummary => {
      const who = actor(req);
      const { dryRun } = parse(importQuery, req.query, "query");
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new PulsenError("input_invalid", "body must be the CSV file");
      }
      const now = deps.clock.now();
      const plan = importOrgCsv(deps.db, req.body, { dryRun, clock: deps.clock });
      const summary = importSummary(plan, dryRun);
      if (!dryRun) {
        const counts = { added: plan.add.length, changed: plan.update.length, left: plan.deactivate.length };
        recordAudit(deps.db, who, "org.import", null, { ...counts, units: plan.unitsToCreate.length }, now);
      }
      return summary;
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
    "/audit",
    route((req): AuditResponse => {
      hr(req);
      return {
        entries: listAudit(deps.db).map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    }),
  );
}
