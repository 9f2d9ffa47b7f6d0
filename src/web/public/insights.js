// @ts-check
// HR's view across the organization for a closed round: leadership ×
// engagement segments, and which factors move with engagement. Built by the
// server from shown units only.
import { api } from "./api.js";
import { h, put } from "./dom.js";
import { driverChart, quadrantChart } from "./insight-charts.js";
import { formatNumber } from "./i18n.js";

/**
 * @param {HTMLElement} el
 * @param {import("./i18n.js").Texts} t
 * @param {string} roundId
 * @param {(id: string) => string} factorName
 */
export async function renderInsights(el, t, roundId, factorName) {
  const data = await api("GET", `/rounds/${encodeURIComponent(roundId)}/insights`);
  /** @type {HTMLElement[]} */
  const parts = [h("h2", {}, t.insightsTitle)];
  parts.push(h("h3", {}, t.segmentsTitle));
  if (Array.isArray(data.segments)) {
    parts.push(
      h("p", { class: "note" }, t.segmentsNote),
      h("p", { class: "note" }, t.quadrantNote),
      h("figure", { class: "insight-figure" }, quadrantChart(t, data, factorName)),
      h(
        "div",
        { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.segmentsTitle },
        h(
          "table",
          { class: "segments" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["#", t.unit, factorName("leadership"), factorName("engagement"), t.segment].map((c) =>
                h("th", { scope: "col" }, c),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            data.segments.map((s, i) =>
              h(
                "tr",
                {},
                h("td", { class: "num" }, String(i + 1)),
                h("th", { scope: "row" }, s.unit),
                h("td", { class: "num" }, String(Math.round(s.leadership))),
                h("td", { class: "num" }, String(Math.round(s.engagement))),
                h("td", {}, t.segments[s.segment] ?? s.segment),
              ),
            ),
          ),
        ),
      ),
    );
  } else parts.push(h("p", { class: "note" }, t.notAvailable));
  parts.push(h("h3", {}, t.driversTitle));
  if (Array.isArray(data.drivers)) {
    parts.push(
      h("p", { class: "note" }, t.driversNote),
      h("figure", { class: "insight-figure" }, driverChart(t, data, factorName)),
      h(
        "div",
        { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t.driversTitle },
        h(
          "table",
          { class: "drivers" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [t.factor, t.correlation, t.score].map((c) => h("th", { scope: "col" }, c)),
            ),
          ),
          h(
            "tbody",
            {},
            data.drivers.map((d) =>
              h(
                "tr",
                { class: d.lever ? "lever" : "" },
                h("th", { scope: "row" }, factorName(d.factor)),
                h("td", { class: "num" }, d.r === null ? "–" : formatNumber(d.r, 2)),
                h("td", { class: "num" }, d.score === null ? "–" : String(Math.round(d.score))),
              ),
            ),
          ),
        ),
      ),
    );
  } else {
    // The server says how many answers the analysis takes; the page does not know the rule.
    const needed = data.drivers.needed;
    parts.push(h("p", { class: "note" }, needed === null ? t.driversNoEngagement : t.driversTooFew(needed)));
  }
  put(el, ...parts);
}
