import { exportOrgCsv } from "../org/export";
import { recordAudit } from "../db/audit-store";
import { readFileSync } from "node:fs";
import { resolve, basename } from "node:path";
import type { Command } from "commander";
import { PulsenError } from "../core/errors";
import type { ImportPlan } from "../core/org-import";
import { formatUnitPath } from "../core/unit-path";
import { attributeSummary } from "../db/attribute-store";
import { loadOrgTree, type UnitNode } from "../db/org-store";
import { importOrgCsv, importSummary } from "../org/import";
import type { CliContext } from "./context";

function printPlan(ctx: CliContext, plan: ImportPlan, dryRun: boolean): void {
  ctx.print(`Organization: ${plan.orgName}${plan.createOrg ? " (new)" : ""}`);
  if (dryRun) {
    if (plan.attributeColumns.length > 0)
      ctx.print(`  attributes this file sets: ${plan.attributeColumns.map((n) => `attr:${n}`).join(", ")}`);
    for (const u of plan.unitsToCreate) ctx.print(`  + unit   ${u}`);
    for (const r of plan.add) ctx.print(`  + person ${r.email} (${r.name}) in ${formatUnitPath(r.unit)}`);
    for (const u of plan.update) ctx.print(`  ~ person ${u.row.email}: ${u.fields.join(", ")}`);
    for (const e of plan.deactivate) ctx.print(`  - person ${e} (no longer in the file: deactivated)`);
  }
  ctx.print(
    `${dryRun ? "Would create" : "Created"} ${plan.unitsToCreate.length} units; ` +
      `${dryRun ? "would add" : "added"} ${plan.add.length}, ${dryRun ? "update" : "updated"} ${plan.update.length}, ` +
      `${dryRun ? "deactivate" : "deactivated"} ${plan.deactivate.length} people; ${plan.unchanged} unchanged.`,
  );
  if (dryRun) ctx.print("Dry run: nothing was written.");
}

function printTree(ctx: CliContext, node: UnitNode, indent: string): void {
  const leaders = node.leaders.length > 0 ? `  leader: ${node.leaders.map((l) => l.name).join(", ")}` : "";
  ctx.print(`${indent}${node.name} (${node.total})${leaders}`);
  for (const child of node.children) printTree(ctx, child, `${indent}  `);
}

export function registerOrg(program: Command, ctx: CliContext): void {
  const org = program.command("org").description("the organization: people, units, leaders");

  org
    .command("import")
    .description("import or update the organization from a CSV file (see README: CSV format)")
    .argument("<file>", "CSV file, UTF-8")
    .option("--dry-run", "show the changes without writing anything")
    .option("--json", "machine-readable output")
    .action((file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const path = resolve(ctx.io.cwd, file);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "error";
        throw new PulsenError("not_found", `cannot read ${file}: ${code}`, [], { cause: e });
      }
      const dryRun = opts.dryRun === true;
      const audit = { actor: { via: "cli" as const }, file: basename(path) };
      const plan = importOrgCsv(ctx.db, bytes, { dryRun, clock: ctx.io.clock, audit });
      if (opts.json) ctx.json(importSummary(plan, dryRun));
      else printPlan(ctx, plan, dryRun);
    });

  org
    .command("export")
    .description("the roster as the org CSV, to standard output; imports back unchanged")
    .option("--excel", "semicolons and a byte-order mark, as Norwegian Excel opens it")
    .action((opts: { excel?: boolean }) => {
      const text = exportOrgCsv(ctx.db, { excel: opts.excel === true });
      recordAudit(ctx.db, { via: "cli" }, "org.export", null, { excel: opts.excel === true }, ctx.io.clock.now());
      ctx.io.stdout(text);
    });

  org
    .command("show")
    .description("show the unit tree with headcounts and leaders")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const tree = loadOrgTree(ctx.db);
      if (tree === null) throw new PulsenError("not_found", "no organization yet (import one: pulsen org import FILE)");
      const attributes = attributeSummary(ctx.db);
      if (opts.json) return ctx.json({ ...tree, attributes });
      ctx.print(
        `${tree.organization.name}: ${tree.people} people in ${tree.units} units (locale ${tree.organization.defaultLocale}, ${tree.organization.defaultTimezone})`,
      );
      if (tree.root) printTree(ctx, tree.root, "");
      // Names and counts only: which value a person has is HR's file, not a listing here.
      for (const a of attributes)
        ctx.print(`attr:${a.name}: ${a.people} of ${tree.people} people have a value (${a.values} different)`);
    });
}
