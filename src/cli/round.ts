import { idSchema, type RoundId } from "../core/ids";
import { closeRoundNow, extendRound, openRoundNow, remindNow } from "../rounds/controls";
import type { Command } from "commander";
import { loadConfig, enabledPlatforms } from "../config";
import { PulsenError } from "../core/errors";
import { truncateWal } from "../db/traces";
import { roundStatus, reachedByChannel, unreachable } from "../rounds/status";
import type { CliContext } from "./context";

const roundIdArg = idSchema("round");

/** A round id argument, parsed at the edge: one line naming it, exit code 1. */
function roundArg(raw: string): RoundId {
  const r = roundIdArg.safeParse(raw);
  if (!r.success) throw new PulsenError("input_invalid", `round-id "${raw}" is not a round id (r_…)`);
  return r.data;
}

/** The CLI never sends: it writes rounds and queued messages, the server's outbox sends them. */
export function registerRound(program: Command, ctx: CliContext): void {
  const cmd = program.command("round").description("survey rounds: open, close, participation");

  cmd
    .command("open")
    .argument("<series-id>", "series id")
    .description("open a round of the series now (invitations go out from the running server)")
    .option("--json", "machine-readable output")
    .action((seriesId: string, opts: { json?: boolean }) => {
      const now = ctx.io.clock.now();
      const platforms = enabledPlatforms(loadConfig(ctx.io.env));
      const r = ctx.db.transaction((tx) => openRoundNow(tx, seriesId, now, { platforms, actor: { via: "cli" } }));
      if ("alreadyOpen" in r) {
        const open = r.alreadyOpen;
        throw new PulsenError(
          "conflict",
          `series ${seriesId} already has an open round (${open}); close it first: pulsen round close ${open}`,
        );
      }
      const id = r.opened;
      if (opts.json) return ctx.json({ id });
      const st = roundStatus(ctx.db, id, loadConfig(ctx.io.env).anonymityMin);
      ctx.print(id);
      const unreachable = st.unreachable ?? 0;
      const note = unreachable > 0 ? ` ${unreachable} cannot be reached (see: pulsen round status ${id}).` : "";
      ctx.print(`Opened: ${st.invited} invited, closes ${st.closesAt}.${note}`);
    });

  cmd
    .command("close")
    .argument("<round-id>", "round id")
    .description("close a round now; later answers are refused")
    .option("--json", "machine-readable output")
    .action((roundId: string, opts: { json?: boolean }) => {
      const closed = ctx.db.transaction((tx) => closeRoundNow(tx, roundId, ctx.io.clock.now(), { via: "cli" }));
      if (!closed) throw new PulsenError("conflict", `round ${roundId} is already closed`);
      // The close flushed drafts into the anonymous tables: no copy of them may stay in the WAL.
      truncateWal(ctx.db);
      if (opts.json) return ctx.json({ id: roundId, status: "closed" });
      ctx.print(`Closed ${roundId}.`);
    });

  cmd
    .command("remind")
    .argument("<round-id>", "round id")
    .description("a reminder now to everyone who has not answered (at most once a day)")
    .option("--json", "machine-readable output")
    .action((raw: string, opts: { json?: boolean }) => {
      const roundId = roundArg(raw);
      const now = ctx.io.clock.now();
      const k = loadConfig(ctx.io.env).anonymityMin;
      const queued = ctx.db.transaction((tx) => remindNow(tx, roundId, now, k, { via: "cli" }));
      if (opts.json) return ctx.json({ id: roundId, queued });
      // Fewer than k invited: how many were reminded would say how many have answered.
      if (queued === null) return ctx.print("Reminders queued; the running server sends them in its send window.");
      ctx.print(
        `Queued ${queued} reminder${queued === 1 ? "" : "s"}; the running server sends them in its send window.`,
      );
    });

  cmd
    .command("extend")
    .argument("<round-id>", "round id")
    .requiredOption("--until <YYYY-MM-DD>", "the new last day; the round closes then at its usual time")
    .description("move a round's close to a later day")
    .option("--json", "machine-readable output")
    .action((raw: string, opts: { until: string; json?: boolean }) => {
      const roundId = roundArg(raw);
      const now = ctx.io.clock.now();
      const closesAt = ctx.db.transaction((tx) => extendRound(tx, roundId, opts.until, now, { via: "cli" }));
      if (opts.json) return ctx.json({ id: roundId, closesAt: closesAt.toISOString() });
      ctx.print(`Round ${roundId} now closes ${closesAt.toISOString()}.`);
    });

  cmd
    .command("status")
    .argument("<round-id>", "round id")
    .description("participation per unit: counts and rates, never names")
    .option("--unreachable", "list the people the round could not reach, and why (for HR)")
    .option("--json", "machine-readable output")
    .action((roundId: string, opts: { json?: boolean; unreachable?: boolean }) => {
      const st = roundStatus(ctx.db, roundId, loadConfig(ctx.io.env).anonymityMin);
      if (opts.unreachable) {
        const list = unreachable(ctx.db, roundId);
        const reached = reachedByChannel(ctx.db, roundId);
        if (opts.json) return ctx.json(list);
        const channels = Object.entries(reached).map(([c, n]) => `${c} ${n}`);
        ctx.print(
          `Reached: ${channels.length === 0 ? "nobody yet" : channels.join(", ")}; cannot be reached: ${list.length}.`,
        );
        if (list.length === 0) return ctx.print("Everyone invited could be reached.");
        for (const p of list) ctx.print(`${p.email.padEnd(32)} ${p.unit}: ${p.reason}`);
        return;
      }
      if (opts.json) return ctx.json(st);
      const counts =
        st.answered === undefined
          ? `${st.invited} invited`
          : `${st.answered} of ${st.invited} answered (${percent(st.responseRate ?? 0)})`;
      ctx.print(`${st.round} (${st.series}): ${st.status}, ${counts}${st.closesAt ? `, closes ${st.closesAt}` : ""}`);
      // Each unit with its sub-units; after the close a hidden unit says how many were invited, not how many answered.
      for (const u of st.units) {
        if (u.suppressed) {
          const where = u.countedIn === null ? "" : `, counted in ${u.countedIn}`;
          const few = st.status === "closed" ? "too few answers" : "too few invited to show alone";
          const why = u.reason === "below_threshold" ? few : "would expose a smaller unit";
          ctx.print(`  ${u.unit}: ${u.invited} invited, hidden (${why}${where})`);
          continue;
        }
        ctx.print(
          `  ${u.unit}: ${u.answered}/${u.invited} (${percent(u.responseRate)})${u.unreachable > 0 ? `, ${u.unreachable} unreachable` : ""}`,
        );
      }
    });
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
