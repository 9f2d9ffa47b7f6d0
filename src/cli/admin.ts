import { recordAudit } from "../db/audit-store";
import { resolve, basename } from "node:path";
import type { Command } from "commander";
import { PulsenError } from "../core/errors";
import { writeBackup } from "../db/backup";
import { forgetPerson } from "../db/forget";
import { truncateWal } from "../db/traces";
import { seedDemo } from "../demo/seed";
import { loadConfig } from "../config";
import { applyRetention, auditRetention } from "../rounds/retention";
import type { CliContext } from "./context";

/** Operator chores: the right to be forgotten, backups, the demo organization. */
export function registerAdmin(program: Command, ctx: CliContext): void {
  program
    .command("person")
    .description("one person's data")
    .command("forget")
    .argument("<email>", "the person's email")
    .description("remove a person's identity and participation; anonymous answers stay anonymous and stay counted")
    .option("--json", "machine-readable output")
    .action((email: string, opts: { json?: boolean }) => {
      const key = email.trim().toLowerCase();
      // The audit entry names nobody: the point is that the person is gone.
      const forgotten = ctx.db.transaction((tx) => {
        const done = forgetPerson(tx, key);
        if (done) recordAudit(tx, { via: "cli" }, "person.forget", null, {}, ctx.io.clock.now());
        return done;
      });
      if (!forgotten) throw new PulsenError("not_found", `no person with email ${key}`);
      // secure_delete zeroed the rows in the file; the WAL's older copies of them go here.
      truncateWal(ctx.db);
      if (opts.json) return ctx.json({ forgotten: key });
      ctx.print(`Forgot ${key}. Their anonymous answers, if any, stay in the results without any link to them.`);
    });

  program
    .command("backup")
    .argument("<file>", "where to write the copy")
    .description(
      "write a fresh, owner-only copy of the database (no free pages, no unsent drafts), safe while the server runs",
    )
    .option("--json", "machine-readable output")
    .action((file: string, opts: { json?: boolean }) => {
      const target = resolve(ctx.io.cwd, file);
      writeBackup(ctx.sqlite, target);
      recordAudit(ctx.db, { via: "cli" }, "backup", basename(target), {}, ctx.io.clock.now());
      if (opts.json) return ctx.json({ file: target });
      ctx.print(`Backed up to ${target}.`);
    });

  program
    .command("retention")
    .description("RETENTION_MONTHS: old rounds' answers and comments")
    .command("apply")
    .description(
      "delete the answers and comments of rounds closed over RETENTION_MONTHS ago; reports stay, comments go",
    )
    .option("--dry-run", "only list what would be deleted")
    .option("--json", "machine-readable output")
    .action((opts: { dryRun?: boolean; json?: boolean }) => {
      const config = loadConfig(ctx.io.env);
      const months = config.retentionMonths;
      if (months === null) throw new PulsenError("input_invalid", "RETENTION_MONTHS is not set: answers are kept");
      const now = ctx.io.clock.now();
      const dryRun = opts.dryRun === true;
      const done = ctx.db.transaction((tx) => {
        const r = applyRetention(tx, { months, k: config.anonymityMin, now, dryRun });
        if (!dryRun && r.length > 0) auditRetention(tx, "cli", months, r, now);
        return r;
      });
      // secure_delete zeroed the rows in the file; the WAL's copies of them go here (or at the server's next tick).
      if (!dryRun) truncateWal(ctx.db);
      if (opts.json) return ctx.json({ dryRun, months, rounds: done });
      const verb = dryRun ? "Would delete" : "Deleted";
      if (done.length === 0) ctx.print(`No round closed more than ${months} months ago still has its answers.`);
      for (const r of done)
        ctx.print(
          `${verb} ${r.answers} answers and ${r.comments} comments of ${r.roundId} (closed ${dayOf(r.closedAt)}).`,
        );
      if (!dryRun && done.length > 0) ctx.print("Their reports stay readable; their comments are gone.");
    });

  program
    .command("demo")
    .description("seed the demo organization (40 people, 6 units, an open engagement pulse) into an empty database")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const r = seedDemo(ctx.db, ctx.io.clock);
      if (!r.seeded)
        throw new PulsenError(
          "conflict",
          "the database already has an organization; the demo goes only into an empty one",
        );
      if (opts.json) return ctx.json({ round: r.roundId });
      ctx.print(`Seeded Fjordvik kommune with an open round ${r.roundId}. Start the server and open /chat.`);
    });
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
