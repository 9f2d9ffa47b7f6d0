import { parse } from "csv-parse/sync";
import { z } from "zod";
import { cleanText } from "../core/clean-text";
import { PulsenError } from "../core/errors";
import { listInstruments } from "../db/instrument-store";
import type { Db } from "../db/open";
import { benchmarks } from "../db/schema";

const row = z.object({
  instrument: z.string().trim().min(1, "instrument is empty"),
  factor: z.string().trim().min(1, "factor is empty"),
  value: z.coerce
    .number({ error: "value must be a number" })
    .min(0, "value must be 0–100")
    .max(100, "value must be 0–100"),
  // Shown beside every score it compares with: no control or bidi characters (clean-text.ts), and short.
  label: z
    .string()
    .transform((s) => cleanText(s))
    .pipe(z.string().trim().min(1, "label is empty").max(120, "label is longer than 120 characters")),
});

/** Imports external benchmark figures (CSV: instrument,factor,value,label; value on 0–100). All rows or none. */
export function importBenchmarks(db: Db, text: string): number {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
    }) as Record<string, string>[];
  } catch (e) {
    throw new PulsenError("input_invalid", `not valid CSV: ${(e as Error).message}`, [], { cause: e });
  }
  const known = new Map(listInstruments(db).map(({ instrument: i }) => [i.id, new Set(i.factors.map((f) => f.id))]));
  const errors: string[] = [];
  const rows: z.infer<typeof row>[] = [];
  for (const [i, rec] of records.entries()) {
    const line = i + 2;
    const r = row.safeParse(rec);
    const factors = r.success ? known.get(r.data.instrument) : undefined;
    if (!r.success) errors.push(`line ${line}: ${r.error.issues[0]?.message ?? "invalid"}`);
    else if (!factors) errors.push(`line ${line}: unknown instrument "${r.data.instrument}"`);
    else if (!factors.has(r.data.factor))
      errors.push(`line ${line}: ${r.data.instrument} has no factor "${r.data.factor}"`);
    else rows.push(r.data);
  }
  if (records.length === 0) errors.push("line 1: no rows (expected instrument,factor,value,label)");
  if (errors.length > 0)
    throw new PulsenError(
      "input_invalid",
      `the file has ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was imported`,
      errors,
    );
  db.transaction((tx) => {
    for (const r of rows) {
      tx.insert(benchmarks)
        .values({ instrumentId: r.instrument, factorId: r.factor, value: r.value, label: r.label })
        .onConflictDoUpdate({
          target: [benchmarks.instrumentId, benchmarks.factorId, benchmarks.label],
          set: { value: r.value },
        })
        .run();
    }
  });
  return rows.length;
}
