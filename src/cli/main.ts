import { Command, CommanderError } from "commander";
import { isPulsenError } from "../core/errors";
import { CliContext, type CliIo } from "./context";
import { registerAdmin } from "./admin";
import { registerAudit } from "./audit";
import { registerDashboard } from "./dashboard";
import { registerPlan } from "./plan";
import { registerInsights } from "./insights";
import { registerInstruments } from "./instruments";
import { registerJobs } from "./jobs";
import { registerManifest } from "./manifest";
import { registerOrg } from "./org";
import { registerComments, registerReport } from "./report";
import { registerRound } from "./round";
import { registerSeries } from "./series";

const EXIT_OK = 0;
const EXIT_USER_ERROR = 1;
const EXIT_USAGE = 2;

/**
 * Runs one `pulsen …` invocation. Exit codes: 0 success, 1 a user error
 * (one line on stderr, then details), 2 bad usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  const program = new Command("pulsen")
    .description("Pulsen: employee pulse surveys in Slack and Teams — operator CLI")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerOrg(program, ctx);
  registerDashboard(program, ctx);
  registerInstruments(program, ctx);
  registerSeries(program, ctx);
  registerRound(program, ctx);
  registerReport(program, ctx);
  registerComments(program, ctx);
  registerInsights(program, ctx);
  registerPlan(program, ctx);
  registerAudit(program, ctx);
  registerJobs(program, ctx);
  registerAdmin(program, ctx);
  registerManifest(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const cmd of program.commands.flatMap((c) => c.commands))
    cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const wantsJson = argv.includes("--json");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (isPulsenError(e)) {
      if (wantsJson) ctx.json({ error: { code: e.code, message: e.message, details: e.details } });
      io.stderr(`pulsen: ${e.message}\n`);
      for (const line of e.details) io.stderr(`  ${line}\n`);
      return EXIT_USER_ERROR;
    }
    io.stderr(`pulsen: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USER_ERROR;
  } finally {
    ctx.close();
  }
}
