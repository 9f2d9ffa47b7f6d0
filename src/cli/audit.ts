import type { Command } from "commander";
import { z } from "zod";
import { PulsenError } from "../core/errors";
import { listAudit } from "../db/audit-store";
import type { CliContext } from "./context";

const limitArg = z.coerce.number().int().min(1).max(10_000);

/** `pulsen audit`: what HR did, newest first (never an answer). */
export function registerAudit(program: Command, ctx: CliContext): void {
  program
    .command("audit")
    .description("HR's actions, newest first: who, what, when")
    .option("--limit <n>", "how many entries", "50")
    .option("--json", "machine-readable output")
    .action((opts: { limit: string; json?: boolean }) => {
      const limit = limitArg.safeParse(opts.limit);
      if (!limit.success) throw new PulsenError("input_invalid", `--limit must be a whole number from 1 to 10000`);
      const entries = listAudit(ctx.db, limit.data);
      if (opts.json) return ctx.json(entries.map((e) => ({ ...e, at: e.at.toISOString() })));
      if (entries.length === 0) return ctx.print("No HR actions recorded yet.");
      for (const e of entries) {
        const who = e.via === "cli" ? "command line" : e.via === "scheduler" ? "scheduler" : e.who || "(forgotten)";
        const details = Object.entries(e.details)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ");
        ctx.print(
          `${e.at.toISOString()}  ${who.padEnd(24)} ${e.action.padEnd(14)} ${e.subject ?? ""} ${details}`.trimEnd(),
        );
      }
    });
}
