import type { Command } from "commander";
import { loadConfig } from "../config";
import type { HiddenReason } from "../core/anonymity";
import { attributeName } from "../core/org-attributes";
import { PulsenError } from "../core/errors";
import { attributeReport } from "../reports/attributes";
import { unitComments } from "../reports/comments";
import { unitReport } from "../reports/report";
import { isRetained } from "../rounds/retention";
import type { CliContext } from "./context";

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .argument("<round-id>", "a closed round")
    .option("--unit <path>", "a unit (with its sub-units); default: the whole organization")
    .option("--by <attr:NAME>", "per value of a background variable, for the whole organization only")
    .option("--json", "machine-readable output (CONTRACT.md's report JSON)")
    .description("a round's results for a unit, with the anonymity rules applied")
    .action((roundId: string, opts: { unit?: string; by?: string; json?: boolean }) => {
      const k = loadConfig(ctx.io.env).anonymityMin;
      if (opts.by !== undefined) return printByAttribute(ctx, roundId, opts.by, opts, k);
      const r = unitReport(ctx.db, roundId, k, opts.unit);
      if (opts.json) return ctx.json(r);
      if (r.suppressed) {
        ctx.print(`${r.unit}: not shown (${hiddenWhy(r.reason, k)}); ${r.invited} invited.`);
        return;
      }
      ctx.print(`${r.unit}: ${r.responses} of ${r.invited} answered (${Math.round(r.responseRate * 100)} %)`);
      for (const f of r.factors) {
        if (f.suppressed) {
          ctx.print(`  ${f.id.padEnd(24)} hidden (${hiddenWhy(f.reason, k)})`);
          continue;
        }
        const trend = f.trend === null ? "" : ` (${f.trend > 0 ? "+" : ""}${f.trend.toFixed(2)})`;
        const figures = `${f.mean?.toFixed(2) ?? "–"}  ${f.score?.toFixed(0) ?? "–"}/100  n=${f.n}`;
        ctx.print(`  ${f.id.padEnd(24)} ${figures}  ${Math.round((f.favorable ?? 0) * 100)} % favorable${trend}`);
      }
      const hiddenItems = r.items.filter((i) => i.suppressed).length;
      if (hiddenItems > 0)
        ctx.print(`  ${hiddenItems} of ${r.items.length} statements hidden (too few answered them).`);
      if (r.strengths.length > 0) ctx.print(`Strengths: ${r.strengths.join(", ")}`);
      if (r.improvements.length > 0) ctx.print(`Areas to improve: ${r.improvements.join(", ")}`);
    });
}

export function registerComments(program: Command, ctx: CliContext): void {
  program
    .command("comments")
    .argument("<round-id>", "a closed round")
    .requiredOption("--unit <path>", "the unit (with its sub-units)")
    .option("--json", "machine-readable output")
    .description(
      "a unit's comments, in random order, only when its results are shown (for leaders, union and safety reps, and HR)",
    )
    .action((roundId: string, opts: { unit: string; json?: boolean }) => {
      const k = loadConfig(ctx.io.env).anonymityMin;
      unitReport(ctx.db, roundId, k, opts.unit); // refuses an open round or an unknown unit
      const r = unitComments(ctx.db, roundId, opts.unit.trim(), k);
      if (opts.json) return ctx.json(r);
      if (!r.shown && isRetained(ctx.db, roundId))
        return ctx.print(`${opts.unit}: comments were deleted with the round's answers (RETENTION_MONTHS).`);
      if (!r.shown)
        return ctx.print(
          `${opts.unit}: comments are not shown (too few who sent the survey could have written them, or they would give a smaller group's away).`,
        );
      for (const c of r.comments) ctx.print(`– ${c.replace(/\s+/g, " ")}`);
    });
}

/** `--by attr:NAME`: organization level only (DESIGN.md rule 8), so never together with `--unit`. */
function printByAttribute(
  ctx: CliContext,
  roundId: string,
  by: string,
  opts: { unit?: string; json?: boolean },
  k: number,
) {
  const name = by.startsWith("attr:") ? attributeName(by) : null;
  if (name === null)
    throw new PulsenError("input_invalid", `--by takes attr:NAME (lower-case a-z, 0-9 and _), not "${by}"`);
  if (opts.unit !== undefined)
    throw new PulsenError("input_invalid", "--by attr:NAME is for the whole organization only; leave out --unit");
  const r = attributeReport(ctx.db, roundId, name, k);
  if (opts.json) return ctx.json(r);
  ctx.print(`${r.by} (the whole organization)${r.answersDeleted ? "; factor results deleted by retention" : ""}`);
  for (const c of r.cells) {
    if (c.suppressed) {
      ctx.print(`  ${c.value}: not shown (${hiddenWhy(c.reason, k)}); ${c.invited} invited.`);
      continue;
    }
    ctx.print(`  ${c.value}: ${c.responses} of ${c.invited} answered (${Math.round(c.responseRate * 100)} %)`);
    for (const f of c.factors) {
      const figures = f.suppressed
        ? `hidden (${hiddenWhy(f.reason, k)})`
        : `${f.mean?.toFixed(2) ?? "–"}  ${f.score?.toFixed(0) ?? "–"}/100  n=${f.n}`;
      ctx.print(`    ${f.id.padEnd(22)} ${figures}`);
    }
  }
}

function hiddenWhy(reason: HiddenReason, k: number): string {
  return reason === "below_threshold"
    ? `fewer than ${k} answers`
    : "shown figures would let a smaller group be worked out";
}
