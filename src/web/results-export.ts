import { stringify } from "csv-stringify/sync";
import { formulaSafeRows } from "../core/csv-cell";
import { PulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import type { ResultsResponse, ResultsUnit } from "./api-types";
import { formatNumber, formatPercent } from "./locale-format";
import { RESULTS_WORDS, type ResultsWords } from "./results-words";

/**
 * The exports of a closed round's results, built from the very response the dashboard's API gives this
 * viewer (src/web/results.ts, already cut by access and anonymity): nothing here decides what may be shown,
 * it only leaves out what the response has not got. A hidden figure is a word, never a number.
 */

/** One unit, or (no unit asked) every unit the viewer may see; a unit outside the response is not found. */
export function pickUnits(data: ResultsResponse, unitId: string | null): ResultsUnit[] {
  if (unitId === null) return data.units;
  const u = data.units.find((x) => x.unitId === unitId);
  if (u === undefined) throw new PulsenError("not_found", { kind: "unit_unknown" });
  return [u];
}

const hiddenWord = (w: ResultsWords, reason: string | null) =>
  reason === "complementary" ? w.hiddenComplementary : w.hiddenFew;

/** Excel in Norway: UTF-8 with a BOM, `;` between cells, decimal commas in nb and nn; one row per figure. */
export function resultsCsv(data: ResultsResponse, unitId: string | null, locale: Locale): string {
  const w = RESULTS_WORDS[locale];
  const num = (x: number | null, digits: number) => (x === null ? "" : formatNumber(locale, x, digits));
  const rows: string[][] = [
    [
      w.csv.unit,
      w.csv.kind,
      w.csv.name,
      w.csv.n,
      w.csv.invited,
      w.csv.mean,
      w.csv.sd,
      w.csv.score,
      w.csv.favorable,
      w.csv.status,
    ],
  ];
  const factorName = new Map(data.factors.map((f) => [f.id, f.name]));
  const itemText = new Map(data.factors.flatMap((f) => f.items.map((i) => [i.id, i.text] as const)));
  for (const u of pickUnits(data, unitId)) {
    if (u.suppressed) {
      const word = hiddenWord(w, u.reason);
      rows.push([u.unit, w.kinds.unit, "", w.hidden, String(u.invited), "", "", "", "", word]);
      continue;
    }
    rows.push([u.unit, w.kinds.unit, "", String(u.responses), String(u.invited), "", "", "", "", w.shown]);
    for (const f of u.factors) {
      const name = factorName.get(f.id) ?? f.id;
      if (f.suppressed) {
        rows.push([
          u.unit,
          w.kinds.factor,
          name,
          w.hidden,
          "",
          w.hidden,
          "",
          w.hidden,
          w.hidden,
          hiddenWord(w, f.reason),
        ]);
        continue;
      }
      const favorable = f.favorable === null ? "" : formatNumber(locale, f.favorable * 100, 0);
      rows.push([
        u.unit,
        w.kinds.factor,
        name,
        String(f.n),
        "",
        num(f.mean, 2),
        "",
        num(f.score, 0),
        favorable,
        w.shown,
      ]);
    }
    for (const i of u.items) {
      const text = itemText.get(i.id) ?? i.id;
      if (i.suppressed) {
        rows.push([u.unit, w.kinds.statement, text, w.hidden, "", w.hidden, w.hidden, "", "", hiddenWord(w, i.reason)]);
        continue;
      }
      rows.push([u.unit, w.kinds.statement, text, String(i.n), "", num(i.mean, 2), num(i.sd, 2), "", "", w.shown]);
    }
  }
  return stringify(formulaSafeRows(rows), { delimiter: ";", bom: true, record_delimiter: "windows" });
}

/** A unit's response rate as the screen says it: "85 % (11 av 13)". */
export function rateText(locale: Locale, u: Extract<ResultsUnit, { suppressed: false }>): string {
  const of = locale === "en" ? "of" : "av";
  return `${formatPercent(locale, u.responseRate)} (${u.responses} ${of} ${u.invited})`;
}
