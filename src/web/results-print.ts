import type { Locale } from "../core/locale";
import type { ResultsResponse, ResultsUnit } from "./api-types";
import { formatDate, formatNumber, formatPercent } from "./locale-format";
import { pickUnits, rateText } from "./results-export";
import { RESULTS_WORDS, type ResultsWords } from "./results-words";
import { escapeHtml, footer, page, skipLink } from "./page-shell";

/**
 * The printable report (print to PDF for the AMU meeting and the archive): the same response the API gives
 * this viewer, written as one HTML page. Styles come from our own origin (dashboard.css, print.css), never
 * inline: the CSP allows nothing else, and the page keeps them when the Teams tab opens it.
 */

const hidden = (w: ResultsWords, reason: string | null) =>
  `<span class="hidden-figure">${escapeHtml(reason === "complementary" ? w.hiddenComplementary : w.hiddenFew)}</span>`;

/** A score cell as the heatmap colours it, so the paper reads like the screen. */
function scoreClass(score: number | null): string {
  if (score === null) return "score-none";
  if (score >= 75) return "score-high";
  if (score >= 60) return "score-good";
  if (score >= 50) return "score-mid";
  return "score-low";
}

function overview(data: ResultsResponse, units: ResultsUnit[], w: ResultsWords, locale: Locale): string {
  const head = [w.unit, w.responses, ...data.factors.map((f) => f.name)]
    .map((c) => `<th scope="col">${escapeHtml(c)}</th>`)
    .join("");
  const rows = units.map((u) => {
    const name = `<th scope="row">${escapeHtml(u.unit)}</th>`;
    if (u.suppressed) return `<tr>${name}<td colspan="${data.factors.length + 1}">${hidden(w, u.reason)}</td></tr>`;
    const cells = data.factors.map((f) => {
      const fr = u.factors.find((x) => x.id === f.id);
      if (fr === undefined) return "<td>–</td>";
      if (fr.suppressed) return `<td>${hidden(w, fr.reason)}</td>`;
      const text = fr.score === null ? "–" : formatNumber(locale, fr.score, 0);
      return `<td class="cell ${scoreClass(fr.score)}">${text}</td>`;
    });
    return `<tr>${name}<td class="num">${u.responses}/${u.invited}</td>${cells.join("")}</tr>`;
  });
  return (
    `<section><h2>${escapeHtml(w.overview)}</h2><div class="table-wrap" role="region" tabindex="0" ` +
    `aria-label="${escapeHtml(w.overview)}"><table class="heatmap"><thead><tr>${head}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></div></section>`
  );
}

function unitSection(data: ResultsResponse, u: ResultsUnit, w: ResultsWords, locale: Locale): string {
  const title = `<h2>${escapeHtml(u.unit)}</h2>`;
  if (u.suppressed) return `<section class="unit">${title}<p>${hidden(w, u.reason)}</p></section>`;
  const num = (x: number | null, d: number) => (x === null ? "–" : formatNumber(locale, x, d));
  const nameOf = (id: string) => data.factors.find((f) => f.id === id)?.name ?? id;
  const list = (label: string, ids: string[]) =>
    ids.length === 0 ? "" : `<p><strong>${escapeHtml(label)}:</strong> ${escapeHtml(ids.map(nameOf).join(", "))}</p>`;
  const factorRows = data.factors.map((f) => {
    const fr = u.factors.find((x) => x.id === f.id);
    const name = `<th scope="row">${escapeHtml(f.name)}</th>`;
    if (fr === undefined) return "";
    if (fr.suppressed) return `<tr>${name}<td colspan="4">${hidden(w, fr.reason)}</td></tr>`;
    const fav = fr.favorable === null ? "–" : formatPercent(locale, fr.favorable);
    return (
      `<tr>${name}<td class="num">${num(fr.mean, 2)}</td><td class="num">${fr.n}</td>` +
      `<td class="num">${num(fr.score, 0)}</td><td class="num">${fav}</td></tr>`
    );
  });
  const itemRows = data.factors.flatMap((f) =>
    f.items.map((it) => {
      const ir = u.items.find((x) => x.id === it.id);
      const text = `<th scope="row">${escapeHtml(it.text)}</th>`;
      if (ir === undefined) return "";
      if (ir.suppressed) return `<tr>${text}<td colspan="3">${hidden(w, ir.reason)}</td></tr>`;
      const cells = [num(ir.mean, 2), num(ir.sd, 2), String(ir.n)].map((c) => `<td class="num">${c}</td>`);
      return `<tr>${text}${cells.join("")}</tr>`;
    }),
  );
  const cols = (cs: string[]) => cs.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const wrap = (label: string, table: string) =>
    `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(label)}">${table}</div>`;
  return (
    `<section class="unit">${title}<p>${escapeHtml(w.rate)}: ${escapeHtml(rateText(locale, u))}</p>` +
    list(w.strengths, u.strengths) +
    list(w.improvements, u.improvements) +
    wrap(
      `${u.unit}: ${w.factor}`,
      `<table class="factors"><thead><tr>${cols([w.factor, w.mean, "n", w.score, w.favorable])}</tr></thead>` +
        `<tbody>${factorRows.join("")}</tbody></table>`,
    ) +
    `<h3>${escapeHtml(w.statements)}</h3>` +
    wrap(
      `${u.unit}: ${w.statements}`,
      `<table class="items-table"><thead><tr>${cols([w.statement, w.mean, w.sd, "n"])}</tr></thead>` +
        `<tbody>${itemRows.join("")}</tbody></table>`,
    ) +
    `</section>`
  );
}

export function printPage(
  data: ResultsResponse,
  unitId: string | null,
  o: { locale: Locale; timeZone: string; now: Date; back: string },
): string {
  const w = RESULTS_WORDS[o.locale];
  const units = pickUnits(data, unitId);
  // Everything the viewer may see: the organization for HR, else the top of their part of the tree.
  const top = units[0];
  const whose = top === undefined ? "" : unitId === null && top.depth === 0 ? w.organization : top.unit;
  const series =
    data.round.instrument === data.round.series ? data.round.series : `${data.round.series} (${data.round.instrument})`;
  const closed =
    data.round.closedAt === null
      ? ""
      : ` · ${w.closed} ${formatDate(o.locale, new Date(data.round.closedAt), o.timeZone)}`;
  const body =
    skipLink(o.locale) +
    `<div class="print-bar no-print"><a href="${escapeHtml(o.back)}">${escapeHtml(w.back)}</a>` +
    `<button type="button" id="print-now">${escapeHtml(w.print)}</button></div>` +
    `<main id="main" class="print-report"><h1>${escapeHtml(`${w.title}: ${whose}`)}</h1>` +
    `<p>${escapeHtml(`${series}${closed}`)} · ` +
    `${escapeHtml(w.printed)} ${escapeHtml(formatDate(o.locale, o.now, o.timeZone))}</p>` +
    `<p class="note">${escapeHtml(w.note(data.anonymityMin))}</p>` +
    (unitId === null ? overview(data, units, w, o.locale) : "") +
    units.map((u) => unitSection(data, u, w, o.locale)).join("") +
    `</main>${footer(o.locale)}`;
  return page({ locale: o.locale, title: `${w.title}: ${whose}`, styles: ["print.css"], script: "print.js", body });
}
