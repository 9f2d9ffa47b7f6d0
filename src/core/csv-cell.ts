/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start: OWASP's CSV injection list) gets a leading apostrophe, which Excel
 * and LibreOffice show as text. Pulsen's own importer takes the apostrophe
 * off again (`fromFormulaSafe`), so an export imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function fromFormulaSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
