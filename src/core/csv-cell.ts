/**
 * Every CSV Pulsen writes goes through `formulaSafe` (tests/architecture/csv-writers.test.ts
 * checks that each module using csv-stringify imports this one). Why ours and not
 * csv-stringify's `escape_formulas`: the org export must import back unchanged,
 * so the writer and the reader (`fromFormulaSafe`) have to agree on exactly one
 * list of characters, and that list lives here rather than inside a library
 * whose list may change with a minor version.
 *
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start: OWASP's CSV injection list, plus their full-width forms, which Apple
 * Numbers folds to the ASCII ones) gets a leading apostrophe, which Excel,
 * LibreOffice and Numbers show as text.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function formulaSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Rows ready for csv-stringify: every cell made safe. */
export function formulaSafeRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((row) => row.map(formulaSafe));
}

export function fromFormulaSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
