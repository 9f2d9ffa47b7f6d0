import type { Command } from "commander";
import { loadConfig } from "../config";
import { unitComments } from "../reports/comments";
import { unitReport } from "../reports/report";
import type { CliContext } from "./context";

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .argument("<round-id>", "a closed round")
    .option("--unit <path>", "a unit (with its sub-units); default: the whole organization")
    .option("--json", "machine-readable output (CONTRACT.md's report JSON)")
    .description("a round's results for a unit, with the anonymity rules applied")
    .action((roundId: string, opts: { unit?: string; json?: boolean }) => {
      const k = loadConfig(ctx.io.env).anonymityMin;
      const r = unitReport(ctx.db, roundId, k, opts.unit);
      if (opts.json) return ctx.json(r);
      if (r.suppressed) {
        ctx.print(`${r.unit}: not shown (${r.reason === "below_threshold" ? `fewer than ${k} responses` : "shown figures would let a smaller group be worked out"}); ${r.invited} invited.`);
        return;
      }
      ctx.print(`${r.unit}: ${r.responses} of ${r.invited} answered (${Math.round(r.responseRate * 100)} %)`);
      for (const f of r.factors) {
        const trend = f.trend === null ? "" : ` (${f.trend > 0 ? "+" : ""}${f.trend.toFixed(2)})`;
        ctx.print(`  ${f.id.padEnd(24)} ${f.mean?.toFixed(2) ?? "–"}  ${f.score?.toFixed(0) ?? "–"}/100  ${Math.round((f.favorable ?? 0) * 100)} % favorable${trend}`);
      }
    });
}

export function registerComments(program: Command, ctx: CliContext): void {
  program
    .command("comments")
    .argument("<round-id>", "a closed round")
    .requiredOption("--unit <path>", "the unit (with its sub-units)")
    .option("--json", "machine-readable output")
    .description("a unit's comments, in random order, only when its results are shown (for leaders, union and safety reps, and HR)")
    .action((roundId: string, opts: { unit: string; json?: boolean }) => {
      const k = loadConfig(ctx.io.env).anonymityMin;
      unitReport(ctx.db, roundId, k, opts.unit); // refuses an open round or an unknown unit
      const r = unitComments(ctx.db, roundId, opts.unit.trim(), k);
      if (opts.json) return ctx.json(r);
      if (!r.shown) return ctx.print(`${opts.unit}: comments are not shown (too few responses to keep them anonymous).`);
      for (const c of r.comments) ctx.print(`– ${c.replace(/\s+/g, " ")}`);
    });
}
