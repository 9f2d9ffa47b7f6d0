import { stringify } from "csv-stringify/sync";
import { formulaSafeRows } from "../core/csv-cell";
import { attributeColumn } from "../core/org-attributes";
import { CSV_COLUMNS, OPTIONAL_CSV_COLUMNS } from "../core/org-import";
import { formatUnitPath } from "../core/unit-path";
import type { Db } from "../db/open";
import { loadOrgSnapshot } from "../db/org-store";

/**
 * The roster as the org CSV (CONTRACT.md): everyone active, with what the CSV
 * set (not what a platform profile filled in), so it imports back unchanged.
 * `excel`: semicolons and a BOM, as Norwegian Excel opens a file directly.
 */
export function exportOrgCsv(db: Db, o: { excel?: boolean } = {}): string {
  const { people } = loadOrgSnapshot(db);
  const active = [...people.values()].filter((p) => p.active);
  // Every attribute someone active has, as an attr:NAME column (values formula-safe like every cell).
  const names = [...new Set(active.flatMap((p) => Object.keys(p.attributes)))].sort();
  const rows = active
    .sort(
      (a, b) => formatUnitPath(a.unit).localeCompare(formatUnitPath(b.unit), "nb") || a.email.localeCompare(b.email),
    )
    .map((p) => [
      p.email,
      p.name,
      formatUnitPath(p.unit),
      p.leaderOf.map(formatUnitPath).sort().join(";"),
      [...p.roles].sort().join(";"),
      p.slackUserId ?? "",
      p.teamsAadObjectId ?? "",
      p.locale ?? "",
      p.timezone ?? "",
      p.phone ?? "",
      p.channel ?? "",
      ...names.map((n) => p.attributes[n] ?? ""),
    ]);
  const header = [...CSV_COLUMNS, ...OPTIONAL_CSV_COLUMNS, ...names.map(attributeColumn)];
  const text = stringify(formulaSafeRows([header, ...rows]), {
    delimiter: o.excel ? ";" : ",",
    record_delimiter: "\n",
  });
  return o.excel ? `\uFEFF${text}` : text;
}
