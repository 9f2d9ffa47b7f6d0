// @ts-check
// HR's controls on an open round (remind now, extend, close now) and the log
// of HR actions. The server decides and checks everything (the HR role, once
// a day, later days only); this page asks and shows the answer.
import { ApiError, api, errorMessage } from "./api.js";
import { h, put } from "./dom.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {(iso: string) => string} Format */

/**
 * What the server refused, and each line it names (a CSV's bad lines, an instrument's bad fields).
 * @param {Texts} t
 * @param {unknown} e
 * @param {string} [linesLead] said instead of the message when there are lines
 */
function refusal(t, e, linesLead) {
  const lines = e instanceof ApiError ? e.details : [];
  const lead = lines.length > 0 && linesLead ? linesLead : `${t.error}: ${errorMessage(e)}`;
  return [
    h("p", { class: "warn" }, lead),
    lines.length > 0
      ? h(
          "ul",
          { class: "bad-lines" },
          lines.map((d) => h("li", {}, d)),
        )
      : null,
  ];
}

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
          onclick: () =>
            attempt(async () => {
              const { queued } = await api("POST", `/rounds/${id}/remind`);
              return queued === null ? t.remindedHidden : t.reminded(queued);
            }),
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
      h("td", {}, e.via === "cli" ? t.auditCli : e.via === "scheduler" ? t.auditScheduler : e.who || t.auditForgotten),
      h("td", {}, t.auditActions[e.action] ?? e.action),
      h("td", {}, [e.subject, ...Object.entries(e.details).map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(" · ")),
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

/**
 * HR's organization: upload the CSV, see the dry run (or every bad line), then import; download the roster.
 * @param {HTMLElement} root
 * @param {Texts} t
 */
export function renderOrganization(root, t) {
  /** @type {HTMLInputElement} */
  const file = h("input", { type: "file", id: "org-file", accept: ".csv,text/csv" });
  const result = h("div", { class: "org-result", role: "status", "aria-live": "polite" });
  /** @type {HTMLButtonElement} */
  const confirm = h("button", { type: "button", id: "org-import", hidden: true }, t.orgImport);
  /** @param {boolean} dryRun */
  const send = async (dryRun) => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    let body;
    try {
      body = await api("POST", `/org/import?dryRun=${dryRun}`, new Blob([chosen], { type: "text/csv" }));
    } catch (e) {
      confirm.hidden = true;
      put(result, ...refusal(t, e, t.orgBadLines));
      return;
    }
    const p = body.people;
    const plan = t.orgPlan(p.added.length, p.updated.length, p.deactivated.length, body.units.created.length);
    confirm.hidden = !dryRun;
    put(result, h("p", {}, plan), h("p", { class: "note" }, dryRun ? t.orgDryRun : t.orgDone));
  };
  confirm.onclick = () => void send(false).catch((e) => put(result, h("p", { class: "warn" }, errorMessage(e))));
  put(
    root,
    h("h2", {}, t.orgTitle),
    h(
      "form",
      {
        class: "inline",
        onsubmit: (e) => {
          e.preventDefault();
          void send(true).catch((err) => put(result, h("p", { class: "warn" }, errorMessage(err))));
        },
      },
      h("label", { for: "org-file" }, `${t.orgFile} `),
      file,
      h("button", { type: "submit" }, t.orgCheck),
    ),
    confirm,
    result,
    h(
      "p",
      {},
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: async () => {
            const res = await fetch("/api/org/export", { headers: api.headers(), credentials: "same-origin" });
            const url = URL.createObjectURL(await res.blob());
            const a = h("a", { href: url, download: "pulsen-organisasjon.csv" });
            a.click();
            URL.revokeObjectURL(url);
          },
        },
        t.orgExport,
      ),
    ),
  );
}

/**
 * A neutral bot message as plain text blocks, buttons shown but inert: what employees will see.
 * @param {import("../../bot/message").BotMessage} m
 */
function messagePreview(m) {
  return h(
    "div",
    { class: "message-preview" },
    m.blocks.map((b) => {
      switch (b.type) {
        case "header":
          return h("h4", {}, b.text);
        case "text":
          return h("p", {}, b.text);
        case "context":
          return h("p", { class: "note" }, b.text);
        case "buttons":
          return h(
            "p",
            {},
            b.buttons.map((x) => h("button", { type: "button", disabled: true, class: "secondary" }, x.label)),
          );
        default:
          return null;
      }
    }),
  );
}

/**
 * HR's series: the next runs (in the organization's zone, as the server wrote them), creating and changing
 * one, pause and resume, and opening a round only after its preview.
 * @param {HTMLElement} root
 * @param {Texts} t
 */
export async function renderSeries(root, t) {
  const [{ series }, { instruments }] = await Promise.all([api("GET", "/series"), api("GET", "/instruments")]);
  /** @param {string} id */
  const enc = (id) => encodeURIComponent(id);
  const status = h("p", { role: "status", "aria-live": "polite", class: "series-status" });
  /** @param {() => Promise<unknown>} act */
  const attempt = (act) =>
    act().then(
      () => renderSeries(root, t),
      (e) => put(status, h("span", { class: "warn" }, `${t.error}: ${errorMessage(e)}`)),
    );
  /**
   * The list again, then what happened said in the status region, and focus back where the keyboard was.
   * @param {string} said
   * @param {string} [focus] the id of the element to focus
   */
  const rerender = (said, focus) =>
    void renderSeries(root, t).then(() => {
      const done = root.querySelector(".series-status");
      if (done) done.textContent = said;
      if (focus) document.getElementById(focus)?.focus();
    });
  // One edit form at a time: its fields have fixed ids, which the labels point to.
  let closeEdit = () => {};
  const items = series.map((s) => {
    const preview = h("div", { class: "open-preview" });
    const editBox = h("div", { class: "series-edit" });
    const editId = `edit-${s.id}`;
    const openEdit = () => {
      closeEdit();
      const cancel = () => {
        put(editBox);
        closeEdit = () => {};
      };
      closeEdit = cancel;
      const form = seriesForm(t, instruments, {
        prefix: "series-edit",
        initial: s.form,
        submit: t.seriesSave,
        send: (body) => api("PUT", `/series/${enc(s.id)}`, body),
        done: (next) => rerender(next.length > 0 ? t.seriesEdited(next) : t.seriesEditedPaused, editId),
        cancel: () => {
          cancel();
          document.getElementById(editId)?.focus();
        },
      });
      put(
        editBox,
        h("h3", {}, t.seriesEditTitle(s.name)),
        h("p", { class: "note" }, t.seriesEditNote),
        s.form.schedule === null ? h("p", { class: "warn" }, t.seriesScheduleUnknown) : null,
        form,
      );
      form.querySelector("input")?.focus();
    };
    const showPreview = async () => {
      const p = await api("GET", `/series/${enc(s.id)}/preview`);
      const reach = Object.entries(p.platforms).map(([k, n]) =>
        h("li", {}, t.reachLine(t.platformNames[k] ?? k, n ?? 0)),
      );
      put(
        preview,
        h("h4", {}, t.openPreviewTitle),
        h("p", {}, t.audienceN(p.audience)),
        h(
          "ul",
          {},
          reach,
          p.unreachable.map((u) => h("li", { class: "warn" }, t.unreachableLine(t.causes[u.fix] ?? u.reason, u.count))),
        ),
        p.slackByEmail > 0 ? h("p", { class: "note" }, t.byEmail(p.slackByEmail)) : null,
        h("p", {}, t.firstMessage),
        messagePreview(p.message),
        h(
          "button",
          {
            type: "button",
            class: "open-confirm",
            onclick: () =>
              void api("POST", `/series/${enc(s.id)}/open`).then(
                (r) => location.replace(`/?round=${enc(r.id)}`),
                (e) => put(status, h("span", { class: "warn" }, `${t.error}: ${errorMessage(e)}`)),
              ),
          },
          t.openConfirm,
        ),
      );
    };
    return h(
      "li",
      { class: "series" },
      h("strong", {}, s.name),
      ` · ${s.audience ?? t.everyone}`,
      s.status === "paused" ? ` · ${t.seriesPaused}` : "",
      s.openRound ? ` · ${t.seriesOpen}` : "",
      s.next.length > 0 ? h("p", { class: "note" }, `${t.seriesNext}: ${s.next.join(" · ")}`) : null,
      h(
        "p",
        { class: "controls" },
        h(
          "button",
          {
            type: "button",
            id: editId,
            class: "secondary",
            "aria-label": t.seriesEditTitle(s.name),
            onclick: openEdit,
          },
          t.seriesEdit,
        ),
        s.status === "active"
          ? h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: () => attempt(() => api("POST", `/series/${enc(s.id)}/pause`)),
              },
              t.pause,
            )
          : h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: () => attempt(() => api("POST", `/series/${enc(s.id)}/resume`)),
              },
              t.resume,
            ),
        s.openRound
          ? null
          : h(
              "button",
              { type: "button", onclick: () => void showPreview().catch((e) => put(status, errorMessage(e))) },
              t.openRound,
            ),
      ),
      editBox,
      preview,
    );
  });
  put(
    root,
    h("h2", {}, t.seriesTitle),
    h(
      "details",
      { class: "series-new" },
      h("summary", {}, t.seriesNew),
      seriesForm(t, instruments, {
        prefix: "series",
        initial: NEW_SERIES,
        submit: t.seriesCreate,
        send: (body) => api("POST", "/series", body),
        done: (next) => rerender(t.seriesCreated(next)),
      }),
    ),
    series.length === 0 ? h("p", {}, t.seriesNone) : h("ul", { class: "series-list" }, items),
    status,
  );
}

/**
 * Who an open round could not reach, why, and what fixes it (the server's decision, in the reader's words).
 * @param {HTMLElement} root
 * @param {Texts} t
 * @param {string} roundId
 */
export async function renderUnreachable(root, t, roundId) {
  const { people, reached } = await api("GET", `/rounds/${encodeURIComponent(roundId)}/unreachable`);
  const channels = Object.entries(reached).map(([k, n]) => t.reachLine(t.platformNames[k] ?? k, n ?? 0));
  put(
    root,
    h("h3", {}, t.reachedTitle),
    h("p", { class: "reached" }, channels.length === 0 ? t.reachedNone : channels.join(" · ")),
    h("h3", {}, t.unreachableTitle),
    people.length === 0
      ? h("p", {}, t.unreachableNone)
      : h(
          "ul",
          { class: "unreachable" },
          people.map((p) =>
            h(
              "li",
              {},
              h("strong", {}, p.name),
              ` (${p.email}, ${p.unit}): ${t.causes[p.fix] ?? p.reason}`,
              // The platform's own words only when they are all there is: a code HR can look up.
              p.fix === "check_account" || p.fix === "check_address" ? [" (", h("code", {}, p.reason), ")"] : null,
              `. ${t.fixes[p.fix] ?? ""}`,
            ),
          ),
        ),
  );
}

/**
 * The instruments, each with HR's preview exactly as employees see it, and adding a custom one from JSON.
 * @param {HTMLElement} root
 * @param {Texts} t
 */
export async function renderInstruments(root, t) {
  const { instruments } = await api("GET", "/instruments");
  /** @type {HTMLInputElement} */
  const file = h("input", { type: "file", id: "instrument-file", accept: ".json,application/json" });
  const result = h("div", { role: "status", "aria-live": "polite", class: "instrument-result" });
  const add = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    let data;
    try {
      data = JSON.parse(await chosen.text());
    } catch {
      // The browser's parser speaks the browser's language, not the reader's.
      put(result, h("p", { class: "warn" }, t.instrumentNotJson));
      return;
    }
    let body;
    try {
      body = await api("POST", "/instruments", data);
    } catch (e) {
      put(result, ...refusal(t, e));
      return;
    }
    await renderInstruments(root, t);
    put(
      /** @type {HTMLElement} */ (root.querySelector(".instrument-result")),
      h("p", {}, t.instrumentAdded(body.id, body.version)),
    );
  };
  put(
    root,
    h("h2", {}, t.instrumentsTitle),
    h(
      "ul",
      { class: "instruments" },
      instruments.map((i) =>
        h(
          "li",
          {},
          h("strong", {}, i.name),
          ` · ${t.instrumentSize(i.factors, i.statements)}`,
          i.source === "custom" ? ` · ${t.custom} v${i.version}` : "",
          " · ",
          h("a", { href: `/chat/preview/${encodeURIComponent(i.id)}`, target: "_blank", rel: "noopener" }, t.preview),
        ),
      ),
    ),
    h(
      "form",
      {
        class: "inline",
        onsubmit: (e) => {
          e.preventDefault();
          void add().catch((err) => put(result, h("p", { class: "warn" }, errorMessage(err))));
        },
      },
      h("label", { for: "instrument-file" }, `${t.instrumentFile} `),
      file,
      h("button", { type: "submit" }, t.instrumentAdd),
    ),
    result,
  );
}

/** @typedef {import("../api-types").SeriesResponse["series"][number]["form"]} SeriesForm */

/** @type {import("../api-types").FormSchedule} */
const DEFAULT_SCHEDULE = { every: "week", weekday: 1, time: "09:00" };

/** A new series starts from these: weekly on Monday at 09:00, open five days, reminded on days 2 and 4. */
/** @type {SeriesForm} */
const NEW_SERIES = {
  name: "",
  instrumentId: "",
  audience: "all",
  schedule: DEFAULT_SCHEDULE,
  openDays: 5,
  reminderDays: [2, 4],
};

/**
 * The series form, for a new series and for changing one: the same fields, labels and body. The server
 * checks it and answers the next runs; a refusal is shown as the server worded it.
 * @param {Texts} t
 * @param {import("../api-types").InstrumentsResponse["instruments"]} instruments
 * @param {{
 *   prefix: string,
 *   initial: SeriesForm,
 *   submit: string,
 *   send: (body: unknown) => Promise<{ next: string[] }>,
 *   done: (next: string[]) => void,
 *   cancel?: () => void,
 * }} o the fields' ids start with `prefix`; a schedule of null (one the form cannot say) starts from the default
 */
function seriesForm(t, instruments, o) {
  const schedule = o.initial.schedule ?? DEFAULT_SCHEDULE;
  /** @param {string} id */
  const ident = (id) => `${o.prefix}-${id}`;
  /** @param {string} id @param {string} label @param {HTMLElement} control */
  const field = (id, label, control) => h("p", {}, h("label", { for: ident(id) }, `${label} `), control);
  /**
   * @param {string} value
   * @param {string} chosen
   * @param {string} label
   */
  const option = (value, chosen, label) => h("option", { value, selected: value === chosen }, label);
  /** @type {HTMLInputElement} */
  const name = h("input", { id: ident("name"), required: true, maxlength: 120, value: o.initial.name });
  /** @type {HTMLSelectElement} */
  const instrument = h(
    "select",
    { id: ident("instrument") },
    instruments.map((i) => option(i.id, o.initial.instrumentId, i.name)),
  );
  /** @type {HTMLInputElement} */
  const audience = h("input", { id: ident("audience"), value: o.initial.audience, required: true });
  /** @type {HTMLSelectElement} */
  const every = h(
    "select",
    { id: ident("every") },
    option("week", schedule.every, t.everyWeek),
    option("month", schedule.every, t.everyMonth),
  );
  /** @type {HTMLSelectElement} */
  const weekday = h(
    "select",
    { id: ident("weekday") },
    t.weekdays.map((d, i) => option(String(i + 1), String(schedule.weekday), d)),
  );
  /** @type {HTMLInputElement} */
  const time = h("input", { id: ident("time"), type: "time", value: schedule.time, required: true });
  /** @type {HTMLInputElement} */
  const openDays = h("input", {
    id: ident("open-days"),
    type: "number",
    min: 1,
    max: 90,
    value: String(o.initial.openDays),
    required: true,
  });
  /** @type {HTMLInputElement} */
  const reminders = h("input", {
    id: ident("reminders"),
    value: o.initial.reminderDays.join(","),
    inputmode: "numeric",
  });
  const status = h("p", { role: "status", "aria-live": "polite", class: "series-form-status" });
  return h(
    "form",
    {
      onsubmit: (e) => {
        e.preventDefault();
        const body = {
          name: name.value,
          instrumentId: instrument.value,
          audience: audience.value,
          every: every.value,
          weekday: Number(weekday.value),
          time: time.value,
          openDays: Number(openDays.value),
          reminderDays: reminders.value
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
            .map(Number),
        };
        void o.send(body).then(
          (r) => o.done(r.next),
          (err) => put(status, h("span", { class: "warn" }, `${t.error}: ${errorMessage(err)}`)),
        );
      },
    },
    field("name", t.seriesName, name),
    field("instrument", t.seriesInstrument, instrument),
    field("audience", t.seriesAudience, audience),
    field("every", t.seriesEvery, every),
    field("weekday", t.seriesWeekday, weekday),
    field("time", t.seriesTime, time),
    field("open-days", t.seriesOpenDays, openDays),
    field("reminders", t.seriesReminders, reminders),
    h("button", { type: "submit" }, o.submit),
    o.cancel ? h("button", { type: "button", class: "secondary", onclick: o.cancel }, t.cancel) : null,
    status,
  );
}
