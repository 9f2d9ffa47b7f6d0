// @ts-check
// Every action plan the viewer may see, with how far it has come: HR sees
// them all, a leader their units', a rep their unit's.
import { api } from "./api.js";
import { h, put } from "./dom.js";

/**
 * @param {HTMLElement} el
 * @param {import("./i18n.js").Texts} t
 * @param {(roundId: string, unitId: string) => void} open shows the plan's round and unit
 * @param {boolean} [hr] the server's word that the viewer is HR: then the organization's overview comes first
 */
export async function renderPlansOverview(el, t, open, hr = false) {
  const [{ plans }, overview] = await Promise.all([
    api("GET", "/plans"),
    hr ? api("GET", "/plans/overview") : Promise.resolve(null),
  ]);
  if (plans.length === 0 && overview === null) return put(el);
  put(
    el,
    overview ? hrOverview(t, overview) : null,
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

/**
 * HR's overview: how many units have a plan, and each unit's measures done, in progress and overdue.
 * @param {import("./i18n.js").Texts} t
 * @param {import("../api-types").PlansOverviewResponse} o
 */
function hrOverview(t, o) {
  const cols = [t.unit, t.measuresTotal, t.statuses.done, t.statuses.in_progress, t.measuresOverdue];
  /** @param {{ total: number; done: number; inProgress: number; overdue: number }} m */
  const cells = (m) => [m.total, m.done, m.inProgress, m.overdue].map((n) => h("td", { class: "num" }, String(n)));
  return h(
    "section",
    { id: "plans-overview", "aria-labelledby": "plans-overview-title" },
    h("h2", { id: "plans-overview-title" }, t.hrPlansTitle),
    h("p", { class: "summary" }, t.hrPlansSummary(o.withPlan, o.units)),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "plans-overview" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            cols.map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          o.byUnit.map((u) => h("tr", { "data-unit": u.unitId }, h("th", { scope: "row" }, u.unit), cells(u))),
        ),
        h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Σ"), cells(o.measures))),
      ),
    ),
  );
}
