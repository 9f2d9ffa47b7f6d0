import { type Command, Option } from "commander";
import { eq } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import { units } from "../db/schema";
import { exportPlan, type ExportFormat } from "../plans/export";
import { listPlans } from "../plans/plans";
import { subtreeUnitIds } from "../rounds/audience";
import type { CliContext } from "./context";

/** `pulsen plan list` and `pulsen plan export` (CONTRACT.md). */
export function registerPlan(program: Command, ctx: CliContext): void {
  const plan = program.command("plan").description("action plans (tiltaksplaner)");
  plan
    .command("list")
    .option("--unit <path>", "a unit and the units below it; default: every unit")
    .option("--json", "machine-readable output")
    .description("action plans with their focus areas and progress, newest round first")
    .action((opts: { unit?: string; json?: boolean }) => {
      let unitIds: string[] | undefined;
      if (opts.unit !== undefined) {
        const unit = ctx.db.select({ id: units.id }).from(units).where(eq(units.path, opts.unit.trim())).get();
        if (unit === undefined) throw new PulsenError("not_found", `no unit "${opts.unit}" (see: pulsen org show)`);
        unitIds = subtreeUnitIds(ctx.db, unit.id);
      }
      const plans = listPlans(ctx.db, ctx.io.clock.now(), { unitIds });
      if (opts.json) return ctx.json(plans);
      if (plans.length === 0) return ctx.print("No action plans yet.");
      for (const p of plans) {
        const focus = p.focus.map((f) => `${f.factorId} (${f.kind})`).join(", ") || "no focus areas";
        const overdue = p.progress.overdue > 0 ? `, ${p.progress.overdue} overdue` : "";
        ctx.print(
          `${p.unit} · ${p.series} (${p.round}) · ${focus} · ${p.progress.done}/${p.progress.total} done${overdue}`,
        );
      }
    });
  plan
    .command("export")
    .argument("<round-id>", "the round the plan follows")
    .requiredOption("--unit <path>", "the unit")
    .addOption(
      new Option("--format <format>", "csv or html (printable; print to PDF from a browser)")
        .choices(["csv", "html"])
        .makeOptionMandatory(),
    )
    .description("one unit's plan as a report on standard output")
    .action((roundId: string, opts: { unit: string; format: ExportFormat }) => {
      const { body } = exportPlan(ctx.db, roundId, opts.unit, opts.format, ctx.orgLocale(), ctx.io.clock.now());
      ctx.io.stdout(body);
    });
}
