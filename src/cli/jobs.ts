import type { Command } from "commander";
import { and, eq, sql } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import { jobs } from "../db/schema";
import { outboxCounts } from "../jobs/outbox-queue";
import { parkedJobs } from "../jobs/queue";
import type { CliContext } from "./context";

/** For the operator: what is waiting, and what failed too often and needs a look. */
export function registerJobs(program: Command, ctx: CliContext): void {
  const cmd = program.command("jobs").description("background work: due jobs, parked jobs, the message outbox");

  cmd
    .command("status", { isDefault: true })
    .description("counts of jobs and messages by state, and every parked job with its error")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const counts = Object.fromEntries(
        ctx.db
          .select({ status: jobs.status, n: sql<number>`count(*)` })
          .from(jobs)
          .groupBy(jobs.status)
          .all()
          .map((r) => [r.status, r.n]),
      );
      const parked = parkedJobs(ctx.db).map((j) => ({
        id: j.id,
        kind: j.kind,
        attempts: j.attempts,
        error: j.lastError,
        key: j.idempotencyKey,
      }));
      const view = { jobs: counts, outbox: outboxCounts(ctx.db), parked };
      if (opts.json) return ctx.json(view);
      ctx.print(`jobs: ${fmt(counts)}`);
      ctx.print(`messages: ${fmt(view.outbox)}`);
      for (const p of parked)
        ctx.print(`  parked #${p.id} ${p.kind} (${p.key}) after ${p.attempts} attempts: ${p.error}`);
    });

  cmd
    .command("retry")
    .argument("<id>", "parked job id")
    .description("give a parked job another go, now")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { json?: boolean }) => {
      const n = Number(id);
      const r = ctx.db
        .update(jobs)
        .set({ status: "pending", attempts: 0, dueAt: ctx.io.clock.now(), finishedAt: null })
        .where(and(eq(jobs.id, Number.isInteger(n) ? n : -1), eq(jobs.status, "parked")))
        .run();
      if (r.changes === 0) throw new PulsenError("not_found", `no parked job #${id} (see: pulsen jobs)`);
      if (opts.json) return ctx.json({ id: n, status: "pending" });
      ctx.print(`Job #${n} will run on the server's next tick.`);
    });
}

function fmt(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${v} ${k}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}
