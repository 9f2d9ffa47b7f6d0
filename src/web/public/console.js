// @ts-check
// HR's controls on an open round (remind now, extend, close now) and the log
// of HR actions. The server decides and checks everything (the HR role, once
// a day, later days only); this page asks and shows the answer.
import { api, errorMessage } from "./api.js";
import { h, put } from "./dom.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {(iso: string) => string} Format */

/**
 * @param {HTMLElement} root
 * @param {Texts} t
 * @param {string} roundId
 * @param {Format} fmt
 * @param {(what: "extended" | "closed") => void} changed called after a change the rest of the page should show
 */
export function renderRoundControls(root, t, roundId, fmt, changed) {
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const id = encodeURIComponent(roundId);
  /** @param {() => Promise<string>} act */
  const attempt = async (act) => {
    status.classList.remove("warn");
    try {
      status.textContent = await act();
    } catch (e) {
      status.classList.add("warn");
      status.textContent = `${t.error}: ${errorMessage(e)}`;
    }
  };
  /** @type {HTMLInputElement} */
  const until = h("input", { type: "date", id: "extend-until", required: true });
  put(
    root,
    h("h2", { id: "controls-title" }, t.controlsTitle),
    h(
      "div",
      { class: "controls" },
      h(
        "button",
        {
          type: "button",
          id: "remind-now",
          "aria-describedby": "remind-help",
          onclick: () => attempt(async () => t.reminded((await api("POST", `/rounds/${id}/remind`)).queued)),
        },
        t.remindNow,
      ),
      h(
        "form",
        {
          class: "inline",
          onsubmit: (e) => {
            e.preventDefault();
            void attempt(async () => {
              const r = await api("POST", `/rounds/${id}/extend`, { until: until.value });
              changed("extended");
              return t.extended(fmt(r.closesAt));
            });
          },
        },
        h("label", { for: "extend-until" }, `${t.extendTo} `),
        until,
        h("button", { type: "submit" }, t.extend),
      ),
      h(
        "button",
        {
          type: "button",
          id: "close-now",
          class: "danger",
          onclick: () => {
            if (!window.confirm(t.closeConfirm)) return;
            void attempt(async () => {
              await api("POST", `/rounds/${id}/close`);
              changed("closed");
              return t.closedNow;
            });
          },
        },
        t.closeNow,
      ),
    ),
    h("p", { id: "remind-help", class: "note" }, t.remindHelp),
    status,
  );
}

/**
 * @param {HTMLElement} root
 * @param {Texts} t
 * @param {Format} fmt
 */
export async function renderAudit(root, t, fmt) {
  const { entries } = await api("GET", "/audit");
  const rows = entries.map((e) =>
    h(
      "tr",
      {},
      h("td", {}, fmt(e.at)),
      h("td", {}, e.via === "cli" ? t.auditCli : e.who || t.auditForgotten),
      h("td", {}, t.auditActions[e.action] ?? e.action),
      h(
        "td",
        {},
        [e.subject, ...Object.entries(e.details).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(" · "),
      ),
    ),
  );
  put(
    root,
    h("h2", {}, t.auditTitle),
    entries.length === 0
      ? h("p", {}, t.auditNone)
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "audit" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [t.auditWhen, t.auditWho, t.auditWhat, t.auditDetails].map((c) => h("th", { scope: "col" }, c)),
              ),
            ),
            h("tbody", {}, rows),
          ),
        ),
  );
}
