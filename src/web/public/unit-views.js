// @ts-check
// One unit's pictures in its detail panel: the comparison with the unit
// above, the organization and a benchmark; the trend; and, for a unit whose
// results are hidden, why, the nearest shown unit above and what shows it
// next time. The server decided every figure and who may see it.
import { api } from "./api.js";
import { h, pct, put } from "./dom.js";
import { formatNumber } from "./i18n.js";
import { s } from "./svg.js";
import { renderTrend } from "./trend-chart.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").UnitComparison} UnitComparison */
/** @typedef {import("../api-types").HiddenHelp} HiddenHelp */

/** @param {string} path */
const last = (path) => path.split(" > ").pop() ?? path;

/**
 * A marker's shape, the same in the legend and on the bars.
 * @param {"parent" | "organization" | "benchmark"} kind
 * @param {number} x
 * @param {number} cy
 */
function marker(kind, x, cy) {
  if (kind === "parent") return s("path", { d: `M${x} ${cy - 7}l6 7l-6 7l-6 -7z`, class: "mark-parent" });
  if (kind === "organization") return s("rect", { x: x - 2, y: cy - 9, width: 4, height: 18, class: "mark-org" });
  return s("path", { d: `M${x} ${cy - 8}l7 14h-14z`, class: "mark-bench" });
}

/** @param {"parent" | "organization" | "benchmark"} kind */
function legendIcon(kind) {
  return s("svg", { viewBox: "0 0 16 20", class: "legend-icon", "aria-hidden": "true" }, marker(kind, 8, 10));
}

/**
 * @param {Texts} t
 * @param {UnitComparison} c
 */
function renderComparison(t, c) {
  const parentName = c.parent ? last(c.parent.unit) : null;
  const rows = c.factors.map((f) => {
    const bar = s("svg", { viewBox: "0 0 300 24", class: "compare-bar", "aria-hidden": "true" });
    bar.append(s("rect", { x: 0, y: 4, width: 300, height: 16, class: "track" }));
    if (f.unit) bar.append(s("rect", { x: 0, y: 4, width: f.unit.score * 3, height: 16, class: "bar-unit" }));
    if (f.parent) bar.append(marker("parent", f.parent.score * 3, 12));
    if (f.organization) bar.append(marker("organization", f.organization.score * 3, 12));
    for (const b of f.benchmarks) bar.append(marker("benchmark", b.value * 3, 12));
    /**
     * @param {string} name
     * @param {import("../api-types").ComparisonMark | null} m
     * @param {{ visible: boolean } | null} who
     */
    const line = (name, m, who) => {
      if (who && !who.visible) return t.noAccessTo(name);
      return m ? t.markLine(name, formatNumber(m.score, 0), m.n) : `${name}: ${t.figureHidden}`;
    };
    const figures = [
      line(t.thisUnit, f.unit, null),
      c.parent && parentName ? line(parentName, f.parent, c.parent) : null,
      c.organization ? line(t.organization, f.organization, c.organization) : null,
      ...f.benchmarks.map((b) => `${t.benchmark} ${b.label}: ${formatNumber(b.value, 0)}`),
    ].filter((x) => x !== null);
    return h(
      "li",
      { class: "compare-row" },
      h("span", { class: "compare-name" }, f.name),
      bar,
      h("span", { class: "compare-figures" }, figures.join(" · ")),
    );
  });
  const hasBench = c.factors.some((f) => f.benchmarks.length > 0);
  return h(
    "section",
    { class: "comparison" },
    h("h4", {}, t.compareTitle),
    h("p", { class: "note" }, t.compareNote),
    h(
      "p",
      { class: "compare-legend" },
      h("span", {}, h("i", { class: "legend-bar" }), t.thisUnit),
      c.parent && parentName ? h("span", {}, legendIcon("parent"), parentName) : null,
      c.organization ? h("span", {}, legendIcon("organization"), t.organization) : null,
      hasBench ? h("span", {}, legendIcon("benchmark"), t.benchmark) : null,
    ),
    h("ul", { class: "compare-list" }, rows),
  );
}

/**
 * What a hidden unit's leader needs: why, the nearest shown unit above (its figures labelled as its own),
 * the plan, and what shows the unit next time.
 * @param {Texts} t
 * @param {HiddenHelp} help
 */
function renderHidden(t, help) {
  const k = formatNumber(help.k, 0);
  const why = help.reason === "complementary" ? t.hiddenWhyComplementary : t.hiddenWhyBelow(k);
  const invited = formatNumber(help.invited, 0);
  const next =
    help.next === "more_around"
      ? t.hiddenNextComplementary(k)
      : help.next === "more_people"
        ? t.hiddenNextFew(k, invited)
        : t.hiddenNext(k, invited);
  const a = help.above;
  /** @type {(Node | null)[]} */
  let above = [h("p", {}, t.aboveNone)];
  if (a.kind === "no_access") above = [h("p", {}, t.aboveNoAccess(last(a.unit)))];
  if (a.kind === "shown") {
    above = [
      h("h4", {}, t.aboveTitle(a.unit)),
      h("p", { class: "note" }, t.aboveNote(last(a.unit))),
      h("p", {}, `${t.rate}: ${pct(a.responseRate)} (${t.of(a.responses, a.invited)})`),
      h(
        "div",
        { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.aboveTitle(a.unit) },
        h(
          "table",
          { class: "above-figures" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [t.factor, t.score, "n"].map((c) => h("th", { scope: "col" }, c)),
            ),
          ),
          h(
            "tbody",
            {},
            a.factors.map((f) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, f.name),
                f.shown ? h("td", { class: "num" }, formatNumber(f.score, 0)) : h("td", {}, t.figureHidden),
                h("td", { class: "num" }, f.shown ? String(f.n) : "–"),
              ),
            ),
          ),
        ),
      ),
    ];
  }
  return h(
    "section",
    { class: "hidden-help" },
    h("p", { class: "why" }, why),
    h("p", { class: "next" }, next),
    h("p", {}, h("a", { href: "#plan" }, t.planLink)),
    h("div", { class: "above" }, ...above),
  );
}

/**
 * Fills `box` with the unit's pictures for the round.
 * @param {HTMLElement} box
 * @param {Texts} t
 * @param {string} roundId
 * @param {string} unitId
 * @param {(iso: string) => string} fmtDate
 */
export async function renderUnitViews(box, t, roundId, unitId, fmtDate) {
  put(box, h("p", {}, t.loading));
  const v = await api("GET", `/rounds/${encodeURIComponent(roundId)}/units/${encodeURIComponent(unitId)}/visuals`);
  put(
    box,
    v.hidden ? renderHidden(t, v.hidden) : null,
    v.comparison ? renderComparison(t, v.comparison) : null,
    v.trend.factors.length > 0 ? renderTrend(t, v.trend, last(v.unit), fmtDate) : null,
  );
}
