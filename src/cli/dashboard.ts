import type { Command } from "commander";
import { and, eq } from "drizzle-orm";
import { loadConfig } from "../config";
import { hasDashboard } from "../core/access";
import { PulsenError } from "../core/errors";
import { people } from "../db/schema";
import { LINK_TTL_MS, Sessions } from "../web/sessions";
import { loadViewer } from "../db/viewer-store";
import type { CliContext } from "./context";

/** `pulsen dashboard link EMAIL`: a one-time sign-in link, for the first HR login or where chat is not set up yet. */
export function registerDashboard(program: Command, ctx: CliContext): void {
  const dashboard = program.command("dashboard").description("the web dashboard");
  dashboard
    .command("link")
    .argument("<email>", "who signs in (HR, a leader, or a union or safety rep)")
    .description(`print a sign-in link that works once, for ${LINK_TTL_MS / 60_000} minutes`)
    .option("--json", "machine-readable output")
    .action((email: string, opts: { json?: boolean }) => {
      const key = email.trim().toLowerCase();
      const person = ctx.db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.email, key), eq(people.active, true)))
        .get();
      if (person === undefined) throw new PulsenError("not_found", `no active person with email ${key}`);
      const viewer = loadViewer(ctx.db, person.id);
      if (viewer === null || !hasDashboard(viewer.access)) {
        const who = `${key} leads no unit and is neither HR nor a union or safety rep`;
        throw new PulsenError("forbidden", `${who}: the dashboard has nothing for them`);
      }
      const url = `${loadConfig(ctx.io.env).publicUrl}/signin?token=${new Sessions(ctx.db, ctx.io.clock).createLink(person.id)}`;
      if (opts.json) return ctx.json({ url, expiresInMinutes: LINK_TTL_MS / 60_000 });
      ctx.print(url);
      ctx.print(`Works once, for ${LINK_TTL_MS / 60_000} minutes. Give it only to ${key}.`);
    });
}
