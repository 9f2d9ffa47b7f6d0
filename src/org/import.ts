import { type AuditActor, recordAudit } from "../db/audit-store";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import { type ImportPlan, planImport, validateRows } from "../core/org-import";
import type { LineProblem } from "../core/problem";
import { applyImport } from "../db/org-apply";
import { loadOrgSnapshot } from "../db/org-store";
import type { Db } from "../db/open";
import { readOrgCsv } from "./csv";

/**
 * Imports the org CSV: the whole file is validated first, and nothing is
 * written unless every row is good. Returns the plan that was (or, in a dry
 * run, would be) applied.
 */
export function importOrgCsv(
  db: Db,
  bytes: Uint8Array,
  opts: { dryRun: boolean; clock: Clock; audit?: { actor: AuditActor; file: string | null } },
): ImportPlan {
  const csv = readOrgCsv(bytes);
  if (!csv.ok) throw invalid(csv.errors);
  const snapshot = loadOrgSnapshot(db);
  const valid = validateRows(csv.rows, snapshot.org?.name ?? null);
  if (!valid.ok) throw invalid(valid.errors);
  const plan = planImport(
    valid.rows,
    {
      orgName: snapshot.org?.name ?? null,
      unitPaths: snapshot.unitPaths,
      people: snapshot.people,
    },
    csv.attributeColumns,
  );
  if (!opts.dryRun) {
    applyImport(db, plan, opts.clock);
    if (opts.audit) {
      const counts = { added: plan.add.length, changed: plan.update.length, left: plan.deactivate.length };
      const details = { ...counts, units: plan.unitsToCreate.length };
      recordAudit(db, opts.audit.actor, "org.import", opts.audit.file, details, opts.clock.now());
    }
  }
  return plan;
}

/** At most this many bad lines are listed: a garbage file of 10,000 lines gets the first ones and a count. */
const MAX_LISTED = 100;

function invalid(lines: readonly LineProblem[]): PulsenError {
  const count = lines.length;
  const listed = lines.slice(0, MAX_LISTED);
  return new PulsenError("input_invalid", { kind: "file_has_errors", count }, [], {
    lines: listed,
    omitted: count - listed.length,
  });
}

/** What an import did or would do, for the CLI's --json and HR's console alike. */
export function importSummary(plan: ImportPlan, dryRun: boolean) {
  return {
    dryRun,
    organization: { name: plan.orgName, created: plan.createOrg },
    units: { created: plan.unitsToCreate },
    people: {
      added: plan.add.map((r) => r.email),
      updated: plan.update.map((u) => ({ email: u.row.email, fields: [...u.fields] })),
      deactivated: plan.deactivate,
      unchanged: plan.unchanged,
    },
  };
}
export type ImportSummary = ReturnType<typeof importSummary>;
