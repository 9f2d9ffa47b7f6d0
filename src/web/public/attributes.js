// @ts-check
// HR's results by background variable (attributes) for a closed round: the whole organization only,
// never per unit (DESIGN.md rule 8). The server decides every cell; this only renders what it sent.
import { api } from "./api.js";
import { h, pct, put, scoreClass } from "./dom.js";

/** @typedef {import("../api-types").AttributeReportResponse} AttributeReport */
/** @typedef {import("../api-types").AttributeCellReport} AttributeCell */

/**
 * @param {HTMLElement} el
 * @param {import("./i18n.js").Texts} t
 * @param {string} roundId
 * @param {{ id: string, name: string }[]} factors the round's factors, in the results' order
 * @param {number} k
 */
export async function renderAttributes(el, t, roundId, factors, k) {
  const base = /** @type {const} */ (`/rounds/${encodeURIComponent(roundId)}/attributes`);
  const { names } = await api("GET", base);
  const heading = h("h2", { id: "attributes-title" }, t.attrTitle);
  if (names.length === 0) return void put(el, heading, h("p", { class: "note" }, t.attrNone));
  const table = h("div", { class: "table-wrap", "aria-live": "polite" });
  const select = h(
    "select",
    { id: "attribute-name" },
    names.map((n) => h("option", { value: n }, n)),
  );
  const show = async () => {
    const report = await api("GET", `${base}/${encodeURIComponent(select.value)}`);
    put(table, attributeTable(t, report, factors));
  };
  select.addEventListener("change", () => void show().catch((e) => put(table, h("p", { class: "warn" }, e.message))));
  put(
    el,
    heading,
    h("p", { class: "note" }, t.attrNote(k)),
    h("label", { for: "attribute-name" }, t.attrChoose, " "),
    select,
    table,
  );
  await show();
}

/**
 * @param {import("./i18n.js").Texts} t
 * @param {AttributeReport} report
 * @param {{ id: string, name: string }[]} factors
 */
function attributeTable(t, report, factors) {
  const columns = [t.attrValue, t.attrInvited, t.attrResponses, t.attrRate];
  const shownFactors = report.answersDeleted ? [] : factors;
  const head = h(
    "tr",
    {},
    columns.map((c) => h("th", { scope: "col" }, c)),
    shownFactors.map((f) => h("th", { scope: "col" }, f.name)),
  );
  const rows = report.cells.map((c) => {
    const value = h("th", { scope: "row" }, c.value);
    const invited = h("td", { class: "num" }, String(c.invited));
    if (c.suppressed) {
      const why = c.reason === "complementary" ? t.attrHiddenComplementary : t.attrHiddenFew;
      return h(
        "tr",
        { class: "suppressed" },
        value,
        invited,
        h("td", { colspan: 2 + shownFactors.length, class: "hidden-note" }, why),
      );
    }
    const cells = shownFactors.map((f) => {
      const fr = c.factors.find((x) => x.id === f.id);
      if (fr === undefined || fr.suppressed) return h("td", { class: "cell score-none" }, t.attrHiddenShort);
      const text = fr.score === null ? "–" : String(Math.round(fr.score));
      return h("td", { class: `cell ${scoreClass(fr.score)}`, title: `n = ${fr.n}` }, text);
    });
    return h(
      "tr",
      { class: "shown" },
      value,
      invited,
      h("td", { class: "num" }, String(c.responses)),
      h("td", { class: "num" }, pct(c.responseRate)),
      cells,
    );
  });
  return [
    report.answersDeleted ? h("p", { class: "note" }, t.attrDeleted) : null,
    h("table", { class: "attributes" }, h("thead", {}, head), h("tbody", {}, rows)),
  ];
}
