// @ts-check
// The results' exports, as the server makes them from what this viewer may see: a CSV for Excel and a
// printable page (print to PDF). Both are built on the server; the browser only asks.
import { api, hasBearer } from "./api.js";
import { h } from "./dom.js";

/** @typedef {import("./i18n.js").Texts} Texts */

/**
 * @param {Texts} t
 * @param {string} roundId
 * @param {import("../api-types").Locale} locale
 * @param {boolean} inTeams
 */
export function exportsBar(t, roundId, locale, inTeams) {
  const round = encodeURIComponent(roundId);
  const print = `/results/print?round=${round}&lang=${locale}${inTeams ? "&inTeams=1" : ""}`;
  const csv = async () => {
    const res = await fetch(`/api/rounds/${round}/results.csv`, { headers: api.headers() });
    if (!res.ok) throw new Error(res.statusText);
    const url = URL.createObjectURL(await res.blob());
    h("a", { href: url, download: `pulsen-${roundId}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  /** @param {MouseEvent} e */
  const openPrint = async (e) => {
    // A cookie goes with the link by itself; the Teams tab's bearer session does not, so it asks for a
    // one-time ticket and opens the page in the tab itself (same origin: the page keeps its styles).
    if (!hasBearer()) return;
    e.preventDefault();
    const { ticket } = await api("POST", "/print-ticket");
    location.assign(`${print}&ticket=${encodeURIComponent(ticket)}`);
  };
  return h(
    "p",
    { class: "exports results-exports" },
    h("span", { class: "note" }, `${t.resultsExports}: `),
    h("button", { type: "button", class: "secondary", id: "results-csv", onclick: () => void csv() }, t.resultsCsv),
    " ",
    h("a", { href: print, id: "results-print", target: "_blank", rel: "noopener", onclick: openPrint }, t.resultsPrint),
  );
}
