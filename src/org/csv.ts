import { parse } from "csv-parse/sync";
import { fromFormulaSafe } from "../core/csv-cell";
import { ATTRIBUTE_PREFIX, attributeHeaderProblems, isAttributeColumn } from "../core/org-attributes";
import { CSV_COLUMNS, type CsvColumn, OPTIONAL_CSV_COLUMNS, type RawRow } from "../core/org-import";
import type { LineProblem } from "../core/problem";

/** `attributeColumns`: the names of the file's `attr:NAME` columns (the attributes this file sets). */
export type CsvResult = { ok: true; rows: RawRow[]; attributeColumns: string[] } | { ok: false; errors: LineProblem[] };

interface Parsed {
  record: string[];
  info: { lines: number };
}

/** Comma or semicolon, whichever the header line has more of (Norwegian Excel writes ";"). */
function delimiterOf(text: string): "," | ";" {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** Bytes of æ, ø, å, Æ, Ø, Å in Windows-1252 (Excel's "CSV" on a Norwegian PC): not valid UTF-8. */
const WINDOWS_1252_LETTERS = new Set([0xe6, 0xf8, 0xe5, 0xc6, 0xd8, 0xc5]);

/**
 * Reads the org CSV (UTF-8, optional BOM, CRLF or LF, quoted fields, comma or semicolon) into
 * text rows with their line numbers. Only shape is checked here; what the
 * fields mean is checked by core's validateRows.
 */
export function readOrgCsv(bytes: Uint8Array): CsvResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Control bytes other than tab and line ends: a spreadsheet, a zip, random bytes; not a text file at all.
    const binary = bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
    const windows1252 = !binary && bytes.some((b) => WINDOWS_1252_LETTERS.has(b));
    return { ok: false, errors: [{ line: 1, problem: { kind: "file_not_utf8", windows1252 } }] };
  }
  let records: Parsed[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Parsed[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const detail = (err.message ?? "unreadable CSV")
      .replace(/^Invalid Record Length: |^[A-Za-z ]+: /, "")
      .replace(/ at line \d+.*$/, "");
    return { ok: false, errors: [{ line: err.lines ?? 1, problem: { kind: "file_not_csv", detail } }] };
  }
  const [header, ...body] = records;
  if (header === undefined) return { ok: false, errors: [{ line: 1, problem: { kind: "file_empty" } }] };

  const names = header.record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const known: readonly string[] = [...CSV_COLUMNS, ...OPTIONAL_CSV_COLUMNS];
  const unknown = names.filter((n) => !known.includes(n) && !isAttributeColumn(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const headerErrors: LineProblem[] = [];
  const header1 = (problem: LineProblem["problem"]) => headerErrors.push({ line: 1, problem });
  if (missing.length > 0) header1({ kind: "columns_missing", columns: missing });
  if (unknown.length > 0) header1({ kind: "columns_unknown", columns: unknown, expected: [...known] });
  if (repeated.length > 0) header1({ kind: "columns_repeated", columns: repeated });
  for (const problem of attributeHeaderProblems(names)) header1(problem);
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };

  const errors: LineProblem[] = [];
  const rows: RawRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      const problem = { kind: "field_count", got: record.length, expected: names.length } as const;
      errors.push({ line: info.lines, problem });
      continue;
    }
    const fields = Object.fromEntries(OPTIONAL_CSV_COLUMNS.map((c) => [c, ""])) as Record<CsvColumn, string>;
    const attributes: Record<string, string> = {};
    names.forEach((name, i) => {
      const text = fromFormulaSafe(record[i] ?? "");
      if (isAttributeColumn(name)) attributes[name.slice(ATTRIBUTE_PREFIX.length)] = text;
      else fields[name as CsvColumn] = text;
    });
    rows.push({ line: info.lines, fields, attributes });
  }
  const attributeColumns = names.filter(isAttributeColumn).map((n) => n.slice(ATTRIBUTE_PREFIX.length));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, attributeColumns };
}
