// A unit's action plan for a round: focus areas, measures with a responsible
// person and a deadline, and their status. Everyone who sees the unit's
// results reads it; leaders and HR write it.
import { api } from "./api.js";
import { h, put } from "./dom.js";

export async function renderPlan(el, t, roundId, unitId, fmtDate) {
  put(el, h("p", {}, t.loading));
  const base = `/rounds/${encodeURIComponent(roundId)}/units/${encodeURIComponent(unitId)}/plan`;
  const data = await api("GET", base);
  const status = h("p", { class: "status", role: "status" });
  const reload = () => renderPlan(el, t, roundId, unitId, fmtDate);
  const attempt = async (fn) => {
    status.textContent = t.loading;
    try {
      await fn();
      await reload();
    } catch (e) {
      status.textContent = `${t.error}: ${e.message}`;
    }
  };
  const name = (id) => (id === null ? "" : data.factors.find((f) => f.id === id)?.name ?? id);
  const plan = data.plan;
  const parts = [h("h4", { id: "plan" }, t.planTitle)];
  if (plan) parts.push(h("p", { class: "summary" }, t.planProgress(plan.progress.done, plan.progress.total, plan.progress.overdue)));
  else parts.push(h("p", {}, data.canEdit ? t.planIntro : t.planNone));

  // Focus areas.
  const current = new Map((plan?.focus ?? []).map((f) => [f.factorId, f.kind]));
  if (data.canEdit) {
    const selects = data.factors.map((f) =>
      h(
        "label",
        { class: "focus-pick" },
        `${f.name} `,
        h("select", { "data-factor": f.id, "aria-label": `${t.focusAreas}: ${f.name}` }, [["", t.focusNone], ["improve", t.improve], ["preserve", t.preserve]].map(([v, l]) => h("option", { value: v, selected: (current.get(f.id) ?? "") === v }, l))),
      ),
    );
    parts.push(
      h(
        "form",
        { class: "focus", onsubmit: (e) => (e.preventDefault(), attempt(() => api("PUT", `${base}/focus`, { areas: [...e.target.querySelectorAll("select")].filter((s) => s.value).map((s) => ({ factorId: s.dataset.factor, kind: s.value })) }))) },
        h("fieldset", {}, h("legend", {}, t.focusAreas), selects, h("button", { type: "submit" }, t.saveFocus)),
      ),
    );
  } else if (plan && plan.focus.length > 0) {
    parts.push(h("p", {}, h("strong", {}, `${t.focusAreas}: `), plan.focus.map((f) => `${name(f.factorId)} (${f.kind === "improve" ? t.improve : t.preserve})`).join(", ")));
  }

  // Measures.
  if (plan && plan.measures.length > 0) {
    const statusCell = (m) =>
      data.canEdit
        ? h(
            "select",
            { "aria-label": `${t.status}: ${m.text}`, onchange: (e) => attempt(() => api("PATCH", `/measures/${encodeURIComponent(m.id)}`, { status: e.target.value })) },
            Object.entries(t.statuses).map(([v, l]) => h("option", { value: v, selected: m.status === v }, l)),
          )
        : t.statuses[m.status];
    parts.push(
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "measures" },
          h("thead", {}, h("tr", {}, [t.measure, t.area, t.responsible, t.deadline, t.status].map((c) => h("th", { scope: "col" }, c)))),
          h(
            "tbody",
            {},
            plan.measures.map((m) => h("tr", { "data-measure": m.id }, h("td", {}, m.text), h("td", {}, name(m.factorId)), h("td", {}, m.responsible ? m.responsible.name : "–"), h("td", { class: "num" }, fmtDate(m.deadline)), h("td", {}, statusCell(m)))),
          ),
        ),
      ),
    );
  }
  if (data.canEdit) {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    parts.push(
      h(
        "form",
        {
          class: "add-measure",
          onsubmit: (e) => {
            e.preventDefault();
            const f = e.target;
            attempt(() => api("POST", `${base}/measures`, { text: f.text.value, responsibleId: f.responsible.value, deadline: f.deadline.value, factorId: f.area.value || null }));
          },
        },
        h("label", {}, `${t.measure} `, h("input", { name: "text", required: true, minlength: 3, maxlength: 500, size: 40 })),
        h("label", {}, `${t.area} `, h("select", { name: "area" }, h("option", { value: "" }, t.noArea), data.factors.map((f) => h("option", { value: f.id }, f.name)))),
        h("label", {}, `${t.responsible} `, h("select", { name: "responsible", required: true }, data.people.map((p) => h("option", { value: p.id }, p.name)))),
        h("label", {}, `${t.deadline} `, h("input", { name: "deadline", type: "date", required: true, min: tomorrow })),
        h("button", { type: "submit" }, t.addMeasure),
      ),
    );
  }
  if (plan) {
    const download = async (format) => {
      // Through fetch, so the Teams tab's bearer session goes along.
      const res = await fetch(`/api${base}/export?format=${format}`, { headers: api.headers() });
      const url = URL.createObjectURL(await res.blob());
      if (format === "csv") h("a", { href: url, download: `tiltaksplan-${roundId}.csv` }).click();
      else window.open(url, "_blank", "noopener");
    };
    parts.push(h("p", { class: "exports" }, h("button", { type: "button", class: "secondary", onclick: () => download("csv") }, t.exportCsv), " ", h("button", { type: "button", class: "secondary", onclick: () => download("html") }, t.print)));
  }
  parts.push(status);
  put(el, ...parts);
  // Arrived from a digest's "make an action plan" link.
  if (location.hash === "#plan") document.getElementById("plan")?.scrollIntoView();
}
