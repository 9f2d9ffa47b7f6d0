// @ts-check
// Each factor's score over the series' closed rounds, one small chart per
// factor. The server sends every point with its own n, or without a value
// where the figure may not be shown; such a point is a labelled gap, never
// bridged by the line.
import { h } from "./dom.js";
import { formatNumber } from "./i18n.js";
import { chart, labelled, s } from "./svg.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").UnitTrend} UnitTrend */
/** @typedef {import("../api-types").TrendPoint} TrendPoint */

const W = 320;
const H = 160;
const PAD = { left: 30, right: 14, top: 18, bottom: 40 };

/** @param {number} score 0–100 */
const y = (score) => PAD.top + ((100 - score) / 100) * (H - PAD.top - PAD.bottom);

/**
 * @param {Texts} t
 * @param {UnitTrend["factors"][number]} factor
 * @param {string[]} dates one date per round, said in full to a screen reader
 * @param {string[]} short the same on the axis
 * @param {string} unit
 */
function factorChart(t, factor, dates, short, unit) {
  const count = factor.points.length;
  // The first and last rounds sit in from the edges, so their dates and values are not cut.
  const inner = 22;
  const step = count > 1 ? (W - PAD.left - PAD.right - 2 * inner) / (count - 1) : 0;
  /** @param {number} i */
  const x = (i) => (count > 1 ? PAD.left + inner + i * step : (PAD.left + W - PAD.right) / 2);
  const shown = factor.points.filter((p) => p.shown).length;
  const svg = chart(W, H, t.trendChartTitle(factor.name, unit), t.trendChartDesc(shown, count), "trend-chart");
  const grid = [0, 50, 100].map((v) =>
    s(
      "g",
      { "aria-hidden": "true" },
      s("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: PAD.left - 4, y: y(v) + 4, class: "axis", "text-anchor": "end" }, String(v)),
    ),
  );
  // The line joins two neighbouring rounds only when both are shown: a gap stays a gap.
  const segments = factor.points.flatMap((p, i) => {
    const next = factor.points[i + 1];
    return p.shown && next?.shown
      ? [s("line", { x1: x(i), y1: y(p.score), x2: x(i + 1), y2: y(next.score), class: "trend-line" })]
      : [];
  });
  const marks = factor.points.map((p, i) => {
    const date = dates[i] ?? "";
    const label = s(
      "text",
      { x: x(i), y: H - PAD.bottom + 16, class: "axis", "text-anchor": "middle", "aria-hidden": "true" },
      // With many rounds every other date is written (from the newest back), so none runs into the next.
      (count - 1 - i) % (count > 5 ? 2 : 1) === 0 ? (short[i] ?? "") : "",
    );
    if (!p.shown) {
      const gap = labelled(
        s(
          "g",
          { class: "gap" },
          s("line", { x1: x(i), x2: x(i), y1: PAD.top, y2: H - PAD.bottom, class: "gap-line" }),
          s("text", { x: x(i), y: y(50) - 4, class: "gap-label", "text-anchor": "middle" }, t.trendGap[p.why]),
        ),
        `${date}: ${t.trendGapLong[p.why]}`,
      );
      return s("g", {}, gap, label);
    }
    const score = formatNumber(p.score, 0);
    const dot = labelled(
      s(
        "g",
        { class: "point" },
        s("circle", { cx: x(i), cy: y(p.score), r: 4 }),
        s("text", { x: x(i), y: y(p.score) - 8, class: "value", "text-anchor": "middle" }, score),
      ),
      t.trendPoint(date, score, p.n),
    );
    const n = s(
      "text",
      { x: x(i), y: H - PAD.bottom + 30, class: "axis n", "text-anchor": "middle", "aria-hidden": "true" },
      `n ${p.n}`,
    );
    return s("g", {}, dot, label, n);
  });
  svg.append(...grid, ...segments, ...marks);
  return h("figure", { class: "trend-factor" }, h("figcaption", {}, factor.name), svg);
}

/**
 * The same figures as a table, for whoever reads tables better than lines.
 * @param {Texts} t
 * @param {UnitTrend} trend
 * @param {string[]} dates
 */
function trendTable(t, trend, dates) {
  /** @param {TrendPoint | undefined} p */
  const cell = (p) => (!p ? "–" : p.shown ? `${formatNumber(p.score, 0)} (n = ${p.n})` : t.trendGapLong[p.why]);
  return h(
    "details",
    { class: "chart-table" },
    h("summary", {}, t.showTable),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.trendTitle },
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, t.visRound),
            trend.factors.map((f) => h("th", { scope: "col" }, f.name)),
          ),
        ),
        h(
          "tbody",
          {},
          trend.rounds.map((r, i) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, dates[i] ?? r.id),
              trend.factors.map((f) => h("td", {}, cell(f.points[i]))),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * @param {Texts} t
 * @param {UnitTrend} trend
 * @param {string} unit
 * @param {(iso: string) => string} fmtDate
 */
export function renderTrend(t, trend, unit, fmtDate) {
  const dates = trend.rounds.map((r) => (r.closedAt ? fmtDate(r.closedAt) : ""));
  const lang = document.documentElement.lang === "en" ? "en-GB" : "nb-NO";
  const day = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" });
  const short = trend.rounds.map((r) => (r.closedAt ? day.format(new Date(r.closedAt)) : ""));
  return h(
    "section",
    { class: "trend" },
    h("h4", {}, t.trendTitle),
    h("p", { class: "note" }, trend.rounds.length > 1 ? t.trendNote : t.trendOne),
    h(
      "div",
      { class: "trend-grid" },
      trend.factors.map((f) => factorChart(t, f, dates, short, unit)),
    ),
    trendTable(t, trend, dates),
  );
}
