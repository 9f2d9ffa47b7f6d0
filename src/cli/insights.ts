import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { PulsenError } from "../core/errors";
import { importBenchmarks } from "../reports/benchmark-import";
import { roundInsights } from "../reports/insights";
import type { CliContext } from "./context";

export function registerInsights(program: Command, ctx: CliContext): void {
  program
    .command("insights")
    .argument("<round-id>", "a closed round")
    .option("--json", "machine-readable output")
    .description(
      "HR's view: units against parent, organization and benchmarks; leadership × engagement segments; drivers of engagement",
    )
    .action((roundId: string, opts: { json?: boolean }) => {
      const i = roundInsights(ctx.db, roundId, loadConfig(ctx.io.env).anonymityMin);
      if (opts.json) return ctx.json(i);
      for (const c of i.comparisons) {
        ctx.print(c.unit);
        for (const f of c.factors) {
          const marks = f.benchmarks.map((b) => `${b.label} ${b.value}`).join(", ");
          ctx.print(
            `  ${f.id.padEnd(24)} ${f.score ?? "–"}  (over: ${f.parent ?? "–"}, virksomheten: ${f.organization ?? "–"}${marks ? `, ${marks}` : ""})`,
          );
        }
      }
      if ("skipped" in i.segments) ctx.print(`Segments: ${i.segments.skipped}.`);
      else
        for (const s of i.segments)
          ctx.print(
            `Segment ${s.segment.padEnd(12)} ${s.unit} (leadership ${s.leadership}, engagement ${s.engagement})`,
          );
      if ("skipped" in i.drivers) ctx.print(`Drivers: ${i.drivers.skipped}.`);
      else
        for (const d of i.drivers)
          ctx.print(`Driver ${d.factor.padEnd(24)} r = ${d.r ?? "–"}  score ${d.score ?? "–"}`);
    });

  program
    .command("benchmark")
    .description("external benchmark figures to compare with")
    .command("import")
    .argument("<file>", "CSV: instrument,factor,value,label (value on 0–100)")
    .option("--json", "machine-readable output")
    .action((file: string, opts: { json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(resolve(ctx.io.cwd, file), "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "error";
        throw new PulsenError("not_found", `cannot read ${file}: ${code}`, [], { cause: e });
      }
      const n = importBenchmarks(ctx.db, text);
      if (opts.json) return ctx.json({ imported: n });
      ctx.print(`Imported ${n} benchmark figures.`);
    });
}
