// @ts-check
// Every action plan the viewer may see, with how far it has come: HR sees
// them all, a leader their units', a rep their unit's.
import { api } from "./api.js";
import { h, put } from "./dom.js";

/**
 * @param {HTMLElement} el
 * @param {import("./i18n.js").Texts} t
 * @param {(roundId: string, unitId: string) => void} open shows the plan's round and unit
 */
export async function renderPlansOverview(el, t, open) {
  const { plans } = await api("GET", "/plans");
  if (plans.length === 0) return put(el);
  put(
    el,
    h("h2", {}, t.plansTitle),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "plans" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            [t.unit, t.rounds, t.focusAreas, t.status].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          plans.map((p) =>
            h(
              "tr",
              {
                tabindex: "0",
                "data-plan": p.id,
                onclick: () => open(p.round, p.unitId),
                onkeydown: (e) => (e.key === "Enter" ? open(p.round, p.unitId) : undefined),
              },
              h("th", { scope: "row" }, p.unit),
              h("td", {}, p.series),
              h("td", {}, String(p.focus.length)),
              h(
                "td",
                { class: p.progress.overdue > 0 ? "warn" : "" },
                t.planProgress(p.progress.done, p.progress.total, p.progress.overdue),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
