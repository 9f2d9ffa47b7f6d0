// @ts-check
// A closed round: the heatmap of every unit the viewer may see, and one
// unit's details. Hidden units say why, never how many answered.
import { api } from "./api.js";
import { distributionBar, h, pct, put, scoreClass } from "./dom.js";
import { renderPlan } from "./plan.js";
import { renderUnitViews } from "./unit-views.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").ResultsResponse} ResultsResponse */
/** @typedef {import("../api-types").ResultsUnit} ResultsUnit */
/** @typedef {import("../api-types").LiveUnit} LiveUnit */
/** @typedef {(iso: string) => string} Format */

/**
 * A wide table in its own labelled, focusable frame: it scrolls sideways inside, never the page (360 px).
 * @param {Texts} t
 * @param {string} label
 * @param {HTMLTableElement} table
 */
function tableFrame(t, label, table) {
  return h("div", { class: "table-wrap", role: "region", tabindex: "0", "aria-label": t.scrollTable(label) }, table);
}

/**
 * @param {Texts} t
 * @param {{ reason: import("../api-types").HiddenReason | null }} report
 */
function hiddenText(t, report) {
  return report.reason === "complementary" ? t.hiddenComplementary : t.hiddenBelow;
}

/**
 * The arrow is the server's decision (the report's direction); the number beside it is the change.
 * @param {Texts} t
 * @param {Extract<import("../api-types").FactorReport, { suppressed: false }>} f
 */
function trendText(t, f) {
  if (f.trendWithheld === "group_changed") return h("span", { title: t.trendGroupChanged }, t.noTrend);
  if (f.trendWithheld === "hidden_then") return h("span", { title: t.trendHiddenThen }, t.noTrend);
  if (f.direction === null || f.direction === undefined || f.trend === null) return t.noTrend;
  const change = `${f.trend > 0 ? "+" : ""}${t.decimal(f.trend, 2)}`;
  return f.direction === "up" ? `▲ ${change}` : f.direction === "down" ? `▼ ${change}` : `► ${change}`;
}

/**
 * A figure the anonymity engine hid: says so, and why, never a number.
 * @param {Texts} t
 * @param {import("../api-types").HiddenFigure} figure
 */
function hiddenFigure(t, figure) {
  return h(
    "span",
    { class: "hidden-figure", title: figure.reason === "complementary" ? t.hiddenComplementary : t.hiddenFew },
    t.hiddenShort,
  );
}

/**
 * @param {HTMLElement} root
 * @param {Texts} t
 * @param {ResultsResponse} data
 * @param {number} k the anonymity threshold
 * @param {{ unit: string | null; onUnit?: (unitId: string) => void }} state which unit is open, kept across
 *   rounds; `onUnit` hears when the person opens one (the address keeps it)
 * @param {Format} fmtDate
 */
export function renderResults(root, t, data, k, state, fmtDate) {
  const factors = data.factors;
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, t.unit),
    h("th", { scope: "col" }, t.responses),
    factors.map((f) => h("th", { scope: "col" }, f.name)),
  );
  const rows = data.units.map((u) => {
    // The name is a button: Tab reaches each row, Enter and Space open it (its click reaches the row's).
    const name = h(
      "th",
      { scope: "row", class: "unit-name", style: { paddingLeft: `${0.5 + u.depth * 1.1}rem` } },
      h("button", { type: "button", class: "row-open", title: t.showUnit }, u.unit.split(" > ").pop()),
    );
    const open = () => {
      state.unit = u.unitId;
      state.onUnit?.(u.unitId);
      renderDetail(detail, t, data, u, fmtDate);
      detail.scrollIntoView({ behavior: "smooth", block: "start" });
    };
    const rowEvents = { onclick: open };
    if (u.suppressed) {
      // Still opens: the plan is the team's to make, figures or not.
      return h(
        "tr",
        { class: "suppressed", "data-unit": u.unit, ...rowEvents },
        name,
        h("td", { colspan: factors.length + 1, class: "hidden-note" }, hiddenText(t, u)),
      );
    }
    const cells = factors.map((f) => {
      const fr = u.factors.find((x) => x.id === f.id);
      if (fr?.suppressed) return h("td", { class: "cell score-none" }, hiddenFigure(t, fr));
      const score = fr ? fr.score : null;
      return h("td", { class: `cell ${scoreClass(score)}` }, score === null ? "–" : String(Math.round(score)));
    });
    return h(
      "tr",
      { class: "shown", "data-unit": u.unit, ...rowEvents },
      name,
      h("td", { class: "num" }, `${u.responses}/${u.invited}`),
      cells,
    );
  });
  const detail = h("section", { class: "detail", "aria-live": "polite" });
  put(
    root,
    h("h2", {}, t.heatmapTitle),
    h("p", { class: "note" }, t.heatmapNote(k)),
    tableFrame(t, t.heatmapTitle, h("table", { class: "heatmap" }, h("thead", {}, head), h("tbody", {}, rows))),
    heatLegend(t),
    detail,
  );
  // A leader whose only unit is hidden gets that unit's panel (why, the unit above, the plan), not an empty one.
  const first =
    data.units.find((u) => u.unitId === state.unit) || data.units.find((u) => !u.suppressed) || data.units[0];
  if (first) renderDetail(detail, t, data, first, fmtDate);
}

/**
 * What the heatmap's colours mean (dom.js scoreClass), each swatch with its range in words.
 * @param {Texts} t
 */
function heatLegend(t) {
  const classes = ["score-high", "score-good", "score-mid", "score-low", "score-none"];
  return h(
    "div",
    { class: "heat-legend" },
    h("span", { class: "heat-legend-title" }, `${t.legendTitle}:`),
    t.legend.map((label, i) => h("span", {}, h("i", { class: `swatch ${classes[i]}` }), label)),
  );
}

/**
 * @param {HTMLElement} el
 * @param {Texts} t
 * @param {ResultsResponse} data
 * @param {ResultsUnit} u
 * @param {Format} fmtDate
 */
function renderDetail(el, t, data, u, fmtDate) {
  const planBox = h("section", { class: "plan" });
  // Trend, comparisons and, for a hidden unit, its leader's help: each its own request, so a slow one waits alone.
  const views = h("div", { class: "unit-views" });
  void renderUnitViews(views, t, data.round.id, u.unitId, fmtDate).catch((e) =>
    put(views, h("p", { class: "warn" }, `${t.error}: ${e.message}`)),
  );
  if (u.suppressed) {
    put(el, h("h3", {}, u.unit), h("p", { class: "note" }, t.hiddenDetail), views, planBox);
    void renderPlan(planBox, t, data.round.id, u.unitId, fmtDate).catch((e) =>
      put(planBox, h("p", { class: "warn" }, `${t.error}: ${e.message}`)),
    );
    return;
  }
  const byFactor = new Map(u.factors.map((f) => [f.id, f]));
  /** @param {string} id */
  const nameOf = (id) => data.factors.find((f) => f.id === id)?.name ?? id;
  // The server's choice, the same as in the digest and the CLI.
  const strengths = u.strengths.map(nameOf);
  const improve = u.improvements.map(nameOf);

  const factorRows = data.factors.map((f) => {
    const fr = byFactor.get(f.id);
    if (!fr) return null;
    if (fr.suppressed) {
      return h(
        "tr",
        { class: "suppressed" },
        h("th", { scope: "row" }, f.name),
        h(
          "td",
          { colspan: 6, class: "hidden-note" },
          hiddenFigure(t, fr),
          " ",
          fr.reason === "complementary" ? t.hiddenComplementary : t.hiddenFew,
        ),
      );
    }
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, f.name),
      h("td", { class: "num" }, fr.mean === null ? "–" : t.decimal(fr.mean, 2)),
      h("td", { class: "num" }, String(fr.n)),
      h("td", { class: `num ${scoreClass(fr.score)}` }, fr.score === null ? "–" : String(Math.round(fr.score))),
      h("td", { class: "num" }, fr.favorable === null ? "–" : pct(fr.favorable)),
      h("td", { class: "num" }, trendText(t, fr)),
      h("td", { class: "bar" }, distributionBar(fr.distribution, t.scale)),
    );
  });
  const items = data.factors.map((f) =>
    h(
      "details",
      {},
      h("summary", {}, `${f.name} – ${t.statements.toLowerCase()}`),
      h(
        "ul",
        { class: "items" },
        f.items.map((it) => {
          const ir = u.items.find((x) => x.id === it.id);
          const text = h("span", { class: "item-text" }, it.text, it.reverse ? ` ${t.reversed}` : "");
          if (!ir || ir.suppressed)
            return h("li", { class: "suppressed" }, text, h("span", { class: "num" }, ir ? hiddenFigure(t, ir) : "–"));
          const sd = ir.sd === null ? "" : ` ± ${t.decimal(ir.sd, 1)}`;
          return h(
            "li",
            {},
            text,
            h("span", { class: "num", title: t.meanSd }, ir.mean === null ? "–" : `${t.decimal(ir.mean, 1)}${sd}`),
            h("span", { class: "num n" }, `n = ${ir.n}`),
            distributionBar(ir.distribution, t.scale),
          );
        }),
      ),
    ),
  );
  const comments = h("div", { class: "comments" });
  if (u.comments) {
    comments.append(
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            put(comments, h("p", {}, t.loading));
            const r = await api(
              "GET",
              `/rounds/${encodeURIComponent(data.round.id)}/units/${encodeURIComponent(u.unitId)}/comments`,
            );
            put(
              comments,
              h("h4", {}, t.comments),
              r.comments.length === 0
                ? h("p", {}, t.noComments)
                : h(
                    "ul",
                    { class: "comment-list" },
                    r.comments.map((c) => h("li", {}, c)),
                  ),
              h("p", { class: "note" }, t.commentsNote),
            );
          },
        },
        t.showComments,
      ),
    );
  }
  put(
    el,
    h("h3", {}, u.unit),
    h("p", { class: "summary" }, `${t.rate}: ${pct(u.responseRate)} (${t.of(u.responses, u.invited)})`),
    strengths.length > 0 ? h("p", {}, h("strong", {}, `${t.strengths}: `), strengths.join(", ")) : null,
    improve.length > 0 ? h("p", {}, h("strong", {}, `${t.improvements}: `), improve.join(", ")) : null,
    tableFrame(
      t,
      `${u.unit}: ${t.factor}`,
      h(
        "table",
        { class: "factors" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            [t.factor, t.mean, "n", t.score, t.favorable, t.trend, ""].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h("tbody", {}, factorRows),
      ),
    ),
    h(
      "div",
      { class: "legend" },
      t.scale.map((s, i) => h("span", {}, h("i", { class: `dist-${i + 1}` }), s)),
    ),
    u.followUp && u.followUp.length > 0
      ? h(
          "section",
          { class: "follow-up" },
          h("h4", {}, t.followUpTitle),
          h(
            "ul",
            {},
            u.followUp.map((f) =>
              h(
                "li",
                {},
                t.followUpLine(
                  nameOf(f.factorId),
                  Math.round(f.better * 100),
                  Math.round(f.same * 100),
                  Math.round(f.worse * 100),
                  f.n,
                ),
              ),
            ),
          ),
        )
      : null,
    views,
    ...items,
    comments,
    planBox,
  );
  void renderPlan(planBox, t, data.round.id, u.unitId, fmtDate).catch((e) =>
    put(planBox, h("p", { class: "warn" }, `${t.error}: ${e.message}`)),
  );
}

/**
 * A unit not shown alone: while open, the unit it is counted in, with that unit's figure (named as such).
 * @param {Texts} t
 * @param {Extract<LiveUnit, { suppressed: true }>} u
 */
function hiddenLive(t, u) {
  const c = u.counted;
  if (c) return t.countedInFigure(c.unit.split(" > ").pop() ?? c.unit, c.answered, c.invited, pct(c.responseRate));
  if (u.countedIn) return t.countedIn(u.countedIn.split(" > ").pop() ?? u.countedIn);
  return u.reason === "complementary" ? t.hiddenComplementary : t.hiddenBelow;
}

/**
 * @param {HTMLElement} root
 * @param {Texts} t
 * @param {import("../api-types").ParticipationResponse} data
 * @param {Format} fmt
 */
export function renderLive(root, t, data, fmt) {
  // Each unit with the units below it, as the server counted them; the first row is the organization.
  /** @param {LiveUnit} u */
  const row = (u) =>
    h(
      "tr",
      { class: u.depth === 0 ? "total" : "" },
      h(
        "th",
        { scope: "row", style: { paddingLeft: `${0.5 + u.depth * 1.1}rem` } },
        u.depth === 0 ? u.unit : u.unit.split(" > ").pop(),
      ),
      u.suppressed ? h("td", { class: "num" }, "–") : h("td", { class: "num" }, String(u.answered)),
      h("td", { class: "num" }, String(u.invited)),
      u.suppressed
        ? h("td", { class: "hidden-note" }, hiddenLive(t, u))
        : h(
            "td",
            { class: "bar" },
            h("div", { class: "rate" }, h("span", { style: { width: `${Math.round(u.responseRate * 100)}%` } })),
            pct(u.responseRate),
          ),
    );
  put(
    root,
    h("h2", {}, t.liveTitle),
    h("p", { class: "note" }, t.liveNote),
    data.closesAt ? h("p", {}, t.closes(fmt(data.closesAt))) : null,
    tableFrame(
      t,
      t.liveTitle,
      h(
        "table",
        { class: "live" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            [t.unit, t.answered, t.invited, t.rate].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h("tbody", {}, data.units.map(row)),
      ),
    ),
  );
}
