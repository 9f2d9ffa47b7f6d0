// @ts-check
// A unit's action plan for a round: focus areas, measures with a responsible
// person and a deadline, and their status. Everyone who sees the unit's
// results reads it; leaders and HR write it.
import { api, errorMessage } from "./api.js";
import { h, put } from "./dom.js";

/**
 * @param {HTMLElement} el
 * @param {import("./i18n.js").Texts} t
 * @param {string} roundId
 * @param {string} unitId
 * @param {(iso: string) => string} fmtDate
 * @returns {Promise<void>}
 */
export async function renderPlan(el, t, roundId, unitId, fmtDate) {
  put(el, h("p", {}, t.loading));
  /** @type {`/rounds/${string}/units/${string}/plan`} */
  const base = `/rounds/${encodeURIComponent(roundId)}/units/${encodeURIComponent(unitId)}/plan`;
  const data = await api("GET", base);
  const status = h("p", { class: "status", role: "status" });
  const reload = () => renderPlan(el, t, roundId, unitId, fmtDate);
  /** @param {() => Promise<unknown>} fn */
  const attempt = async (fn) => {
    status.textContent = t.loading;
    try {
      await fn();
      await reload();
    } catch (e) {
      status.textContent = `${t.error}: ${errorMessage(e)}`;
    }
  };
  /** @param {string | null} id */
  const name = (id) => (id === null ? "" : (data.factors.find((f) => f.id === id)?.name ?? id));
  const plan = data.plan;
  /** @type {HTMLElement[]} */
  const parts = [];
  // What the team said has improved since the last plan: the server decided whether it may be shown.
  if (data.appreciative) {
    const a = data.appreciative;
    parts.push(
      h(
        "section",
        { class: "appreciative", "aria-labelledby": "appreciative-title" },
        h("h4", { id: "appreciative-title" }, t.appreciativeTitle),
        a.shown
          ? [
              h("p", { class: "summary" }, t.appreciativeCount(a.answers.length)),
              h(
                "ul",
                { class: "comments" },
                a.answers.map((x) => h("li", {}, x)),
              ),
            ]
          : h("p", { class: "hint" }, t.appreciativeHidden),
      ),
    );
  }
  parts.push(h("h4", { id: "plan" }, t.planTitle));
  if (plan)
    parts.push(
      h("p", { class: "summary" }, t.planProgress(plan.progress.done, plan.progress.total, plan.progress.overdue)),
    );
  else parts.push(h("p", {}, data.canEdit ? t.planIntro : t.planNone));

  // Focus areas.
  // No areas chosen yet: start from the unit's strengths and areas to improve, as its report chose them.
  const suggested = new Map([
    ...data.suggested.preserve.map((f) => /** @type {[string, string]} */ ([f, "preserve"])),
    ...data.suggested.improve.map((f) => /** @type {[string, string]} */ ([f, "improve"])),
  ]);
  const chosen = new Map((plan?.focus ?? []).map((f) => [f.factorId, f.kind]));
  const current = chosen.size > 0 ? chosen : suggested;
  if (data.canEdit) {
    const kinds = [
      ["", t.focusNone],
      ["improve", t.improve],
      ["preserve", t.preserve],
    ];
    const picks = data.factors.map((f) => ({
      factorId: f.id,
      select: h(
        "select",
        { "data-factor": f.id, "aria-label": `${t.focusAreas}: ${f.name}` },
        kinds.map(([v, l]) => h("option", { value: v, selected: (current.get(f.id) ?? "") === v }, l)),
      ),
    }));
    const areas = () =>
      picks.filter((p) => p.select.value).map((p) => ({ factorId: p.factorId, kind: p.select.value }));
    /** @param {string} id */
    const hint = (id) => {
      const kind = suggested.get(id);
      if (kind === undefined) return null;
      return h("span", { class: "hint" }, ` (${kind === "preserve" ? t.suggestedPreserve : t.suggestedImprove})`);
    };
    const selects = data.factors.map((f, i) =>
      h("label", { class: "focus-pick" }, `${f.name} `, picks[i]?.select, hint(f.id)),
    );
    parts.push(
      h(
        "form",
        {
          class: "focus",
          onsubmit: (e) => {
            e.preventDefault();
            attempt(() => api("PUT", `${base}/focus`, { areas: areas() }));
          },
        },
        h(
          "fieldset",
          {},
          h("legend", {}, t.focusAreas),
          h("p", { class: "hint" }, t.focusHint),
          selects,
          h("button", { type: "submit" }, t.saveFocus),
        ),
      ),
    );
  } else if (plan && plan.focus.length > 0) {
    parts.push(
      h(
        "p",
        {},
        h("strong", {}, `${t.focusAreas}: `),
        plan.focus.map((f) => `${name(f.factorId)} (${f.kind === "improve" ? t.improve : t.preserve})`).join(", "),
      ),
    );
  }

  // Measures.
  if (plan && plan.measures.length > 0) {
    /** @param {import("../api-types").PlanView["measures"][number]} m */
    const statusCell = (m) => {
      if (!data.canEdit) return t.statuses[m.status];
      /** @type {HTMLSelectElement} */
      const select = h(
        "select",
        {
          "aria-label": `${t.status}: ${m.text}`,
          onchange: () =>
            attempt(() => api("PATCH", `/measures/${encodeURIComponent(m.id)}`, { status: select.value })),
        },
        Object.entries(t.statuses).map(([v, l]) => h("option", { value: v, selected: m.status === v }, l)),
      );
      return select;
    };
    // "Need more time": a writer moves the deadline; the server re-schedules the reminders and the question.
    /** @param {import("../api-types").PlanView["measures"][number]} m */
    const deadlineCell = (m) => {
      if (!data.canEdit || m.status === "done") return null;
      /** @type {HTMLInputElement} */
      const input = h("input", {
        type: "date",
        class: "new-deadline",
        "aria-label": `${t.newDeadline}: ${m.text}`,
        onchange: () =>
          attempt(() => api("PATCH", `/measures/${encodeURIComponent(m.id)}/deadline`, { deadline: input.value })),
      });
      return input;
    };
    parts.push(
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "measures" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [t.measure, t.area, t.responsible, t.deadline, t.status].map((c) => h("th", { scope: "col" }, c)),
            ),
          ),
          h(
            "tbody",
            {},
            plan.measures.map((m) =>
              h(
                "tr",
                { "data-measure": m.id },
                h("td", {}, m.text),
                h("td", {}, name(m.factorId)),
                h("td", {}, m.responsible ? m.responsible.name : "–"),
                h("td", { class: "num" }, fmtDate(m.deadline), deadlineCell(m)),
                h("td", {}, statusCell(m)),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const focus = plan?.focus ?? [];
  if (data.canEdit && focus.length === 0) parts.push(h("p", { class: "hint" }, t.measureNeedsFocus));
  else if (data.canEdit) {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const text = h("input", { name: "text", required: true, minlength: 3, maxlength: 500, size: 40 });
    const areaOptions = focus.map((f) => h("option", { value: f.factorId }, name(f.factorId)));
    const area = h("select", { name: "area", required: true }, areaOptions);
    const people = data.people.map((p) => h("option", { value: p.id }, `${p.name} (${p.unit}, ${p.email})`));
    const responsible = h("select", { name: "responsible", required: true }, people);
    const deadline = h("input", { name: "deadline", type: "date", required: true, min: tomorrow });
    parts.push(
      h(
        "form",
        {
          class: "add-measure",
          onsubmit: (e) => {
            e.preventDefault();
            const measure = {
              text: text.value,
              responsibleId: responsible.value,
              deadline: deadline.value,
              factorId: area.value,
            };
            attempt(() => api("POST", `${base}/measures`, measure));
          },
        },
        h("label", {}, `${t.measure} `, text),
        h("label", {}, `${t.area} `, area),
        h("label", {}, `${t.responsible} `, responsible),
        h("label", {}, `${t.deadline} `, deadline),
        h("button", { type: "submit" }, t.addMeasure),
      ),
    );
  }
  if (plan) {
    const downloadCsv = async () => {
      // Through fetch, so the Teams tab's bearer session goes along.
      const res = await fetch(`/api${base}/export?format=csv`, { headers: api.headers() });
      h("a", { href: URL.createObjectURL(await res.blob()), download: `tiltaksplan-${roundId}.csv` }).click();
    };
    // A page of its own, by a one-time same-origin address: a blob: page lost its stylesheet to the CSP.
    const openReport = () =>
      attempt(async () => {
        const { url } = await api("POST", `${base}/report`);
        window.open(url, "_blank", "noopener");
      });
    parts.push(
      h(
        "p",
        { class: "exports" },
        h("button", { type: "button", class: "secondary", onclick: downloadCsv }, t.exportCsv),
        " ",
        h("button", { type: "button", class: "secondary", onclick: openReport }, t.print),
      ),
    );
  }
  parts.push(status);
  put(el, ...parts);
  // Arrived from a digest's "make an action plan" link.
  if (location.hash === "#plan") document.getElementById("plan")?.scrollIntoView();
}
