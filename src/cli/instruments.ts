import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { type Instrument, itemCount } from "../core/instrument";
import { LOCALES, type Locale } from "../core/locale";
import { addCustomInstrument, getInstrument, listInstruments } from "../db/instrument-store";
import { loadInstrumentFile } from "../instruments/catalog";
import type { CliContext } from "./context";

/** The shape CONTRACT.md promises for `instruments show ID --json`. */
function instrumentJson(inst: Instrument, locale: Locale) {
  return {
    id: inst.id,
    version: inst.version,
    name: inst.name[locale],
    factors: inst.factors.map((f) => ({
      id: f.id,
      name: f.name[locale],
      items: f.items.map((i) => ({ id: i.id, text: i.text[locale], reverse: i.reverse })),
    })),
    openQuestion: inst.openQuestion?.[locale] ?? null,
  };
}

const localeOption = () => new Option("--locale <locale>", "language (default: the organization's)").choices(LOCALES);

export function registerInstruments(program: Command, ctx: CliContext): void {
  const cmd = program.command("instruments").description("the survey instruments: statements grouped into factors");

  cmd
    .command("list")
    .description("list the instruments")
    .option("--json", "machine-readable output")
    .addOption(localeOption())
    .action((opts: { json?: boolean; locale?: Locale }) => {
      const locale = opts.locale ?? ctx.orgLocale();
      const list = listInstruments(ctx.db).map(({ source, instrument: i }) => ({
        id: i.id,
        version: i.version,
        name: i.name[locale],
        source,
        factors: i.factors.length,
        items: itemCount(i),
        minutes: i.minutes,
      }));
      if (opts.json) return ctx.json(list);
      for (const i of list)
        ctx.print(
          `${i.id.padEnd(20)} v${i.version}  ${String(i.items).padStart(2)} statements, ${i.factors} factors, ~${i.minutes} min  ${i.name}${i.source === "custom" ? "  (custom)" : ""}`,
        );
    });

  cmd
    .command("show")
    .description("show an instrument's factors and statements")
    .argument("<id>", "instrument id, e.g. engagement-pulse")
    .option("--json", "machine-readable output")
    .addOption(localeOption())
    .action((id: string, opts: { json?: boolean; locale?: Locale }) => {
      const locale = opts.locale ?? ctx.orgLocale();
      const { instrument } = getInstrument(ctx.db, id);
      const view = instrumentJson(instrument, locale);
      if (opts.json) return ctx.json(view);
      ctx.print(`${view.name} (${view.id} v${view.version})`);
      for (const f of view.factors) {
        ctx.print(`  ${f.name} [${f.id}]`);
        for (const i of f.items) ctx.print(`    ${i.id.padEnd(28)} ${i.text}${i.reverse ? "  (reverse-scored)" : ""}`);
      }
      if (view.openQuestion) ctx.print(`  Open question: ${view.openQuestion}`);
    });

  cmd
    .command("add")
    .description("add a custom instrument from a JSON file (same format as the built-in ones)")
    .argument("<file>", "instrument JSON file")
    .option("--json", "machine-readable output")
    .action((file: string, opts: { json?: boolean }) => {
      const inst = loadInstrumentFile(resolve(ctx.io.cwd, file));
      addCustomInstrument(ctx.db, inst, ctx.io.clock);
      if (opts.json) return ctx.json({ id: inst.id, version: inst.version });
      ctx.print(`Added ${inst.id} v${inst.version}: ${itemCount(inst)} statements in ${inst.factors.length} factors.`);
    });
}
