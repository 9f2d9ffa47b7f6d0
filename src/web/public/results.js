// A closed round: the heatmap of every unit the viewer may see, and one
// unit's details. Hidden units say why, never how many answered.
import { api } from "./api.js";
import { distributionBar, h, pct, put, scoreClass } from "./dom.js";
import { renderPlan } from "./plan.js";

function hiddenText(t, report) {
  return report.reason === "complementary" ? t.hiddenComplementary : t.hiddenBelow;
}

function trendText(t, trend) {
  if (trend === null || trend === undefined) return t.noTrend;
  const sign = trend > 0 ? "▲ +" : trend < 0 ? "▼ " : "";
  return `${sign}${trend.toFixed(2)}`;
}

export function renderResults(root, t, data, k, state, fmtDate) {
  const factors = data.factors;
  const head = h("tr", {}, h("th", { scope: "col" }, t.unit), h("th", { scope: "col" }, t.responses), factors.map((f) => h("th", { scope: "col" }, f.name)));
  const rows = data.units.map((u) => {
    const name = h("th", { scope: "row", class: "unit-name", style: { paddingLeft: `${0.5 + u.depth * 1.1}rem` } }, u.unit.split(" > ").pop());
    const open = () => {
      state.unit = u.unitId;
      renderDetail(detail, t, data, u, fmtDate);
      detail.scrollIntoView({ behavior: "smooth", block: "start" });
    };
    const rowEvents = { tabindex: "0", onclick: open, onkeydown: (e) => (e.key === "Enter" ? open() : undefined), title: t.showUnit };
    if (u.suppressed) {
      // Still opens: the plan is the team's to make, figures or not.
      return h("tr", { class: "suppressed", "data-unit": u.unit, ...rowEvents }, name, h("td", { colspan: factors.length + 1, class: "hidden-note" }, hiddenText(t, u)));
    }
    const cells = factors.map((f) => {
      const fr = u.factors.find((x) => x.id === f.id);
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
  put(root,
    h("h2", {}, t.heatmapTitle),
    h("p", { class: "note" }, t.heatmapNote(k)),
    h("div", { class: "table-wrap" }, h("table", { class: "heatmap" }, h("thead", {}, head), h("tbody", {}, rows))),
    detail,
  );
  const first = data.units.find((u) => u.unitId === state.unit) || data.units.find((u) => !u.suppressed);
  if (first) renderDetail(detail, t, data, first, fmtDate);
}

function renderDetail(el, t, data, u, fmtDate) {
  const planBox = h("section", { class: "plan" });
  if (u.suppressed) {
    put(el, h("h3", {}, u.unit), h("p", { class: "note" }, t.hiddenDetail), planBox);
    void renderPlan(planBox, t, data.round.id, u.unitId, fmtDate).catch((e) => put(planBox, h("p", { class: "warn" }, `${t.error}: ${e.message}`)));
    return;
  }
  const byFactor = new Map(u.factors.map((f) => [f.id, f]));
  const ranked = u.factors.filter((f) => f.mean !== null).sort((a, b) => b.mean - a.mean);
  const nameOf = (id) => data.factors.find((f) => f.id === id)?.name ?? id;
  // Only where factors differ: with everything equal there is no strength to name.
  const top = ranked.length > 0 ? ranked[0].mean : null;
  const bottom = ranked.length > 0 ? ranked[ranked.length - 1].mean : null;
  const strengths = ranked.filter((f) => f.mean > bottom).slice(0, 2).map((f) => nameOf(f.id));
  const improve = ranked.length > 2 ? ranked.filter((f) => f.mean < top).slice(-2).reverse().map((f) => nameOf(f.id)) : [];

  const factorRows = data.factors.map((f) => {
    const fr = byFactor.get(f.id);
    if (!fr) return null;
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, f.name),
      h("td", { class: "num" }, fr.mean === null ? "–" : fr.mean.toFixed(2)),
      h("td", { class: `num ${scoreClass(fr.score)}` }, fr.score === null ? "–" : String(Math.round(fr.score))),
      h("td", { class: "num" }, fr.favorable === null ? "–" : pct(fr.favorable)),
      h("td", { class: "num" }, trendText(t, fr.trend)),
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
          return h(
            "li",
            {},
            h("span", { class: "item-text" }, it.text, it.reverse ? ` ${t.reversed}` : ""),
            h("span", { class: "num" }, ir && ir.mean !== null ? ir.mean.toFixed(1) : "–"),
            ir ? distributionBar(ir.distribution, t.scale) : null,
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
            const r = await api("GET", `/rounds/${encodeURIComponent(data.round.id)}/units/${encodeURIComponent(u.unitId)}/comments`);
            put(comments,
              h("h4", {}, t.comments),
              r.comments.length === 0 ? h("p", {}, t.noComments) : h("ul", { class: "comment-list" }, r.comments.map((c) => h("li", {}, c))),
              h("p", { class: "note" }, t.commentsNote),
            );
          },
        },
        t.showComments,
      ),
    );
  }
  put(el,
    h("h3", {}, u.unit),
    h("p", { class: "summary" }, `${t.rate}: ${pct(u.responseRate)} (${t.of(u.responses, u.invited)})`),
    strengths.length > 0 ? h("p", {}, h("strong", {}, `${t.strengths}: `), strengths.join(", ")) : null,
    improve.length > 0 ? h("p", {}, h("strong", {}, `${t.improvements}: `), improve.join(", ")) : null,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "factors" },
        h("thead", {}, h("tr", {}, [t.factor, t.mean, t.score, t.favorable, t.trend, ""].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, factorRows),
      ),
    ),
    h("div", { class: "legend" }, t.scale.map((s, i) => h("span", {}, h("i", { class: `dist-${i + 1}` }), s))),
    u.followUp && u.followUp.length > 0
      ? h(
          "section",
          { class: "follow-up" },
          h("h4", {}, t.followUpTitle),
          h("ul", {}, u.followUp.map((f) => h("li", {}, t.followUpLine(nameOf(f.factorId), Math.round(f.better * 100), Math.round(f.same * 100), Math.round(f.worse * 100), f.n)))),
        )
      : null,
    ...items,
    comments,
    planBox,
  );
  void renderPlan(planBox, t, data.round.id, u.unitId, fmtDate).catch((e) => put(planBox, h("p", { class: "warn" }, `${t.error}: ${e.message}`)));
}

export function renderLive(root, t, data, fmt) {
  put(root,
    h("h2", {}, t.liveTitle),
    h("p", { class: "note" }, t.liveNote),
    data.closesAt ? h("p", {}, t.closes(fmt(data.closesAt))) : null,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "live" },
        h("thead", {}, h("tr", {}, [t.unit, t.answered, t.invited, t.rate].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          data.units.map((u) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, u.unit),
              h("td", { class: "num" }, String(u.answered)),
              h("td", { class: "num" }, String(u.invited)),
              h("td", { class: "bar" }, h("div", { class: "rate" }, h("span", { style: { width: `${Math.round(u.responseRate * 100)}%` } })), pct(u.responseRate)),
            ),
          ),
        ),
      ),
    ),
  );
}
