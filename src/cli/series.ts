import { recordAudit } from "../db/audit-store";
import { type Command, Option } from "commander";
import { z } from "zod";
import { PulsenError } from "../core/errors";
import { idSchema, type SeriesId } from "../core/ids";
import { fieldName } from "../core/instrument";
import { DEFAULT_WINDOW, parseWindow } from "../core/quiet-hours";
import { createSeries, editSeries, getSeries, listSeries, pauseSeries, resumeSeries } from "../rounds/series";
import type { CliContext } from "./context";

const dayList = z
  .string()
  .trim()
  .transform((s) => (s === "" ? [] : s.split(",").map((d) => Number(d.trim()))))
  .refine((days) => days.every((d) => Number.isInteger(d) && d >= 1), {
    error: "must be whole days, 1 or more, comma-separated (e.g. 3,7,13)",
  });

const createOptions = z.object({
  name: z.string().trim().min(1, "must not be empty").max(120),
  instrument: z.string().trim().min(1),
  audience: z.string().trim().min(1),
  cadence: z.string().trim().min(1),
  openDays: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(90, "must be at most 90"),
  reminders: dayList,
  maxReminders: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(10, "must be at most 10")
    .optional(),
  itemsPerRound: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .optional(),
  quietHours: z.string().optional(),
  weekdaysOnly: z.boolean().optional(),
  allDays: z.boolean().optional(),
});

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const flag = fieldName(issue?.path ?? []).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  throw new PulsenError("input_invalid", `--${flag}: ${issue?.message ?? "invalid"}`);
}

const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");

export function registerSeries(program: Command, ctx: CliContext): void {
  const cmd = program.command("series").description("pulse series: what is asked, of whom, how often");

  cmd
    .command("create")
    .description("create a pulse series; prints its id and the next three run times")
    .requiredOption("--name <name>", "what HR calls it")
    .requiredOption("--instrument <id>", "instrument id (pulsen instruments list)")
    .requiredOption("--audience <path|all>", 'a unit path ("Org > Unit", with its sub-units) or all')
    .requiredOption("--cadence <cron>", 'cron expression in the organization\'s time zone, e.g. "0 9 * * 1"')
    .requiredOption("--open-days <n>", "days each round stays open")
    .requiredOption("--reminders <d1,d2,…>", "days after opening to remind those who have not answered")
    .option("--max-reminders <n>", "at most this many reminders per person (default: one per reminder day)")
    .option("--items-per-round <n>", "ask a rotating subset of this many statements per round")
    .option(
      "--quiet-hours <HH:MM-HH:MM|none>",
      "when messages may be sent, in each person's own time zone (default 08:00-17:00)",
    )
    .addOption(new Option("--weekdays-only", "send on weekdays only (default)").conflicts("allDays"))
    .addOption(new Option("--all-days", "send on any day").conflicts("weekdaysOnly"))
    .option("--json", "machine-readable output")
    .action((raw: Record<string, unknown>) => {
      const o = parseOrThrow(createOptions, raw);
      const weekdaysOnly = !o.allDays;
      const window =
        o.quietHours === undefined ? { ...DEFAULT_WINDOW, weekdaysOnly } : parseWindow(o.quietHours, weekdaysOnly);
      if (window === null)
        throw new PulsenError(
          "input_invalid",
          `--quiet-hours: "${o.quietHours}" is not HH:MM-HH:MM (e.g. 08:00-17:00) or none`,
        );
      const created = createSeries(
        ctx.db,
        {
          name: o.name,
          instrumentId: o.instrument,
          audience: o.audience,
          cadence: o.cadence,
          openDays: o.openDays,
          reminderDays: o.reminders,
          maxReminders: o.maxReminders,
          itemsPerRound: o.itemsPerRound,
          window,
        },
        ctx.io.clock.now(),
      );
      recordAudit(
        ctx.db,
        { via: "cli" },
        "series.create",
        created.id,
        { instrument: o.instrument },
        ctx.io.clock.now(),
      );
      if (raw.json) return ctx.json({ id: created.id, next: created.next.map(iso) });
      ctx.print(created.id);
      ctx.print(`Next runs: ${created.next.map(iso).join(", ")}`);
    });

  cmd
    .command("edit")
    .argument("<id>", "series id")
    .description("change a series from its next round on (only the options given change; open rounds keep theirs)")
    .option("--name <name>", "what HR calls it")
    .option("--instrument <id>", "instrument id (pulsen instruments list)")
    .option("--audience <path|all>", 'a unit path ("Org > Unit", with its sub-units) or all')
    .option("--cadence <cron>", 'cron expression in the organization\'s time zone, e.g. "0 9 * * 1"')
    .option("--open-days <n>", "days each round stays open")
    .option("--reminders <d1,d2,…>", 'days after opening to remind those who have not answered ("" for none)')
    .option("--max-reminders <n>", "at most this many reminders per person")
    .option("--items-per-round <n>", "ask a rotating subset of this many statements per round")
    .option("--quiet-hours <HH:MM-HH:MM|none>", "when messages may be sent, in each person's own time zone")
    .addOption(new Option("--weekdays-only", "send on weekdays only").conflicts("allDays"))
    .addOption(new Option("--all-days", "send on any day").conflicts("weekdaysOnly"))
    .option("--json", "machine-readable output")
    .action((id: string, raw: Record<string, unknown>) => {
      const seriesId = seriesArg(id);
      const { json, ...given } = raw;
      const o = parseOrThrow(createOptions.partial(), given);
      if (Object.values(o).every((v) => v === undefined))
        throw new PulsenError(
          "input_invalid",
          "nothing to change: give at least one option (see: pulsen series edit --help)",
        );
      const s = getSeries(ctx.db, seriesId);
      // Hours and days are two options: the one not given stays as it is.
      const weekdaysOnly = o.allDays ? false : o.weekdaysOnly ? true : s.weekdaysOnly;
      const window =
        o.quietHours === undefined
          ? { start: s.windowStart, end: s.windowEnd, weekdaysOnly }
          : parseWindow(o.quietHours, weekdaysOnly);
      if (window === null)
        throw new PulsenError(
          "input_invalid",
          `--quiet-hours: "${o.quietHours}" is not HH:MM-HH:MM (e.g. 08:00-17:00) or none`,
        );
      const now = ctx.io.clock.now();
      const edited = editSeries(
        ctx.db,
        seriesId,
        {
          name: o.name,
          instrumentId: o.instrument,
          audience: o.audience,
          cadence: o.cadence,
          openDays: o.openDays,
          reminderDays: o.reminders,
          maxReminders: o.maxReminders,
          itemsPerRound: o.itemsPerRound,
          window,
        },
        now,
      );
      recordAudit(ctx.db, { via: "cli" }, "series.edit", seriesId, { changed: edited.changed.join(", ") }, now);
      if (json) return ctx.json({ id: seriesId, changed: edited.changed, next: edited.next.map(iso) });
      const what = edited.changed.length > 0 ? edited.changed.join(", ") : "nothing";
      ctx.print(`Changed ${what} of ${seriesId}, from its next round on.`);
      ctx.print(
        s.status === "paused"
          ? "The series is paused: no rounds until it is resumed."
          : `Next runs: ${edited.next.map(iso).join(", ")}`,
      );
    });

  cmd
    .command("list")
    .description("list pulse series")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const list = listSeries(ctx.db);
      if (opts.json) return ctx.json(list);
      if (list.length === 0) ctx.print("No series yet (pulsen series create …).");
      for (const s of list) {
        ctx.print(
          `${s.id}  ${s.status.padEnd(6)}  ${s.name}  [${s.instrument} → ${s.audience}]  "${s.cadence}", open ${s.openDays} d, reminders ${s.reminderDays.join(",") || "none"}, ${s.window}; next ${s.nextRound ?? "—"}; ${s.rounds} rounds`,
        );
      }
    });

  cmd
    .command("pause")
    .argument("<id>", "series id")
    .description("stop opening new rounds (open rounds run to their end)")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { json?: boolean }) => {
      pauseSeries(ctx.db, seriesArg(id));
      recordAudit(ctx.db, { via: "cli" }, "series.pause", id, {}, ctx.io.clock.now());
      if (opts.json) return ctx.json({ id, status: "paused" });
      ctx.print(`Paused ${id}.`);
    });

  cmd
    .command("resume")
    .argument("<id>", "series id")
    .description("start opening rounds again from the next run time")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { json?: boolean }) => {
      const next = resumeSeries(ctx.db, seriesArg(id), ctx.io.clock.now());
      recordAudit(ctx.db, { via: "cli" }, "series.resume", id, { next: next && iso(next) }, ctx.io.clock.now());
      if (opts.json) return ctx.json({ id, status: "active", next: next && iso(next) });
      ctx.print(`Resumed ${id}; next round ${next ? iso(next) : "—"}.`);
    });
}

/** A series id from the command line, its shape checked before any lookup. */
function seriesArg(text: string): SeriesId {
  const r = idSchema("series").safeParse(text);
  if (!r.success) throw new PulsenError("input_invalid", `"${text}" is not a series id (see: pulsen series list)`);
  return r.data;
}
