import { parse } from "csv-parse/sync";
import { CSV_COLUMNS, type CsvColumn, type RawRow, type RowError } from "../core/org-import";

export type CsvResult = { ok: true; rows: RawRow[] } | { ok: false; errors: RowError[] };

interface Parsed {
  record: string[];
  info: { lines: number };
}

/**
 * Reads the org CSV (UTF-8, optional BOM, CRLF or LF, quoted fields) into
 * text rows with their line numbers. Only shape is checked here; what the
 * fields mean is checked by core's validateRows.
 */
export function readOrgCsv(bytes: Uint8Array): CsvResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ line: 1, reason: 'the file is not UTF-8 text (in Excel: save as "CSV UTF-8")' }] };
  }
  let records: Parsed[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Parsed[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const reason = (err.message ?? "unreadable CSV")
      .replace(/^Invalid Record Length: |^[A-Za-z ]+: /, "")
      .replace(/ at line \d+.*$/, "");
    return { ok: false, errors: [{ line: err.lines ?? 1, reason: `not valid CSV: ${reason}` }] };
  }
  const [header, ...body] = records;
  if (header === undefined)
    return { ok: false, errors: [{ line: 1, reason: "the file is empty (expected a header row)" }] };

  const names = header.record.map((h) => h.trim().toLowerCase());
  if (names.length === 1 && names[0]?.includes(";")) {
    return {
      ok: false,
      errors: [{ line: 1, reason: "the header is separated by semicolons; Pulsen reads comma-separated CSV" }],
    };
  }
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const headerErrors: RowError[] = [];
  if (missing.length > 0) headerErrors.push({ line: 1, reason: `missing column(s): ${missing.join(", ")}` });
  if (unknown.length > 0)
    headerErrors.push({
      line: 1,
      reason: `unknown column(s): ${unknown.join(", ")} (expected ${CSV_COLUMNS.join(",")})`,
    });
  if (repeated.length > 0) headerErrors.push({ line: 1, reason: `repeated column(s): ${repeated.join(", ")}` });
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };

  const errors: RowError[] = [];
  const rows: RawRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      errors.push({ line: info.lines, reason: `has ${record.length} fields, the header has ${names.length}` });
      continue;
    }
    const fields = {} as Record<CsvColumn, string>;
    names.forEach((name, i) => {
      fields[name as CsvColumn] = record[i] ?? "";
    });
    rows.push({ line: info.lines, fields });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
