import { recordAudit } from "../db/audit-store";
import { resolve, basename } from "node:path";
import type { Command } from "commander";
import { PulsenError } from "../core/errors";
import { writeBackup } from "../db/backup";
import { forgetPerson } from "../db/forget";
import { truncateWal } from "../db/traces";
import { seedDemo } from "../demo/seed";
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
