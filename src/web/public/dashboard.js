// @ts-check
// The dashboard's front end: signs in (Teams SSO, a sign-in link's cookie,
// or the demo's picker), then shows rounds, live participation while a round
// is open, results once it closes, and where each unit's digest goes.
import { api, errorMessage, forgetBearer, useBearer, useLanguage } from "./api.js";
import { renderChannels } from "./channels.js";
import { h, put } from "./dom.js";
import { followTheme, detectHost } from "./host.js";
import { pickLocale, texts } from "./i18n.js";
import {
  renderAudit,
  renderInstruments,
  renderOrganization,
  renderRoundControls,
  renderSeries,
  renderUnreachable,
} from "./console.js";
import { renderInsights } from "./insights.js";
import { renderPlansOverview } from "./plans.js";
import { renderLive, renderResults } from "./results.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").RoundSummary} RoundSummary */
/** @typedef {(iso: string) => string} Format */

// index.html has both.
const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const who = /** @type {HTMLElement} */ (document.getElementById("who"));
/** @type {{ unit: string | null; refresh: ReturnType<typeof setInterval> | undefined }} */
const state = { unit: null, refresh: undefined };
const LIVE_REFRESH_MS = 15_000;

/**
 * @param {import("../api-types").Locale} locale
 * @returns {Format}
 */
function formatter(locale, withTime = true) {
  const f = new Intl.DateTimeFormat(
    locale === "en" ? "en-GB" : "nb-NO",
    withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" },
  );
  return (iso) => f.format(new Date(iso));
}

/** @param {import("./host.js").Host} host */
async function signIn(host) {
  let session = await api("GET", "/session");
  if (!session.signedIn && host.kind === "teams" && session.teamsSso) {
    const token = await host.ssoToken();
    const r = await api("POST", "/session/teams", { token });
    useBearer(r.session);
    session = await api("GET", "/session");
  }
  return session;
}

/**
 * A part of the page that failed, and why.
 * @param {Texts} t
 * @param {unknown} e
 */
function warning(t, e) {
  return h("p", { class: "warn" }, `${t.error}: ${errorMessage(e)}`);
}

/**
 * @param {Texts} t
 * @param {import("../api-types").SessionResponse} session
 */
function showSignIn(t, session) {
  const expired = new URLSearchParams(location.search).get("signin");
  const picker = session.demo
    ? h(
        "section",
        { class: "picker" },
        h("h2", {}, t.demoPick),
        h(
          "ul",
          {},
          session.people.map((p) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  onclick: async () => {
                    const r = await api("POST", "/session/demo", { personId: p.id });
                    useBearer(r.session);
                    location.replace("/");
                  },
                },
                p.name,
              ),
              h("span", { class: "note" }, ` ${p.what}`),
            ),
          ),
        ),
      )
    : null;
  put(
    main,
    h("h1", {}, t.signInTitle),
    expired ? h("p", { class: "warn" }, t.signInExpired) : null,
    h("p", {}, t.signInHelp),
    picker,
  );
}

/**
 * @param {Texts} t
 * @param {HTMLElement} roundView
 * @param {RoundSummary} round
 * @param {Format} fmt
 * @param {Format} fmtDate
 * @param {boolean} hr
 */
async function showRound(t, roundView, round, fmt, fmtDate, hr) {
  clearInterval(state.refresh);
  put(roundView, h("p", {}, t.loading));
  if (round.status === "open") {
    const live = h("div", { id: "live" });
    const path = /** @type {const} */ (`/rounds/${encodeURIComponent(round.id)}/participation`);
    const refresh = async () => renderLive(live, t, await api("GET", path), fmt);
    await refresh();
    put(roundView, live);
    // Participation refreshes by itself while the round is open; counts only, never names.
    state.refresh = setInterval(() => void refresh().catch(() => undefined), LIVE_REFRESH_MS);
    if (hr) {
      const controls = h("section", { class: "controls-box", "aria-labelledby": "controls-title" });
      roundView.append(controls);
      renderRoundControls(controls, t, round.id, fmt, (what) => {
        if (what === "closed") location.replace(`/?round=${encodeURIComponent(round.id)}`);
        else void refresh();
      });
      const unreachable = h("div", { class: "unreachable-box" });
      controls.append(unreachable);
      await renderUnreachable(unreachable, t, round.id).catch((e) => put(unreachable, warning(t, e)));
    }
  } else {
    const data = await api("GET", `/rounds/${encodeURIComponent(round.id)}/results`);
    renderResults(roundView, t, data, data.anonymityMin, state, fmtDate);
    if (hr) {
      const box = h("section", { class: "insights" });
      roundView.append(box);
      /** @param {string} id */
      const name = (id) => data.factors.find((f) => f.id === id)?.name ?? id;
      await renderInsights(box, t, round.id, name).catch((e) => put(box, warning(t, e)));
    }
  }
}

async function run() {
  const host = await detectHost();
  followTheme(host);
  let session;
  try {
    session = await signIn(host);
  } catch (e) {
    if (host.kind === "teams") host.failed(errorMessage(e));
    throw e;
  }
  const hostLocale = host.kind === "teams" ? pickLocale(host.locale) : null;
  if (hostLocale) useLanguage(hostLocale);
  if (!session.signedIn) {
    const t = texts[hostLocale || pickLocale(navigator.language) || "nb"];
    document.title = t.title;
    showSignIn(t, session);
    return;
  }
  const me = await api("GET", "/me");
  const locale = hostLocale || me.locale;
  const t = texts[locale];
  const fmt = formatter(locale);
  const fmtDate = formatter(locale, false);
  document.documentElement.lang = locale;
  document.title = t.title;
  put(
    who,
    h("span", {}, me.name),
    h(
      "button",
      {
        type: "button",
        class: "link",
        onclick: async () => {
          await api("DELETE", "/session");
          forgetBearer();
          location.replace("/");
        },
      },
      t.signOut,
    ),
  );
  if (!me.dashboard) {
    put(main, h("p", {}, t.noAccess));
    return;
  }
  const { rounds } = await api("GET", "/rounds");
  const roundView = h("section", { id: "round" });
  const channels = h("section", { id: "channels" });
  const plansBox = h("section", { id: "plans" });
  const newest = rounds[0];
  if (newest === undefined) {
    put(main, h("p", {}, t.noRounds), plansBox, channels);
  } else {
    /** @param {RoundSummary} r */
    const label = (r) => {
      // Both times may be missing (the type says so): then the series alone, not 1 January 1970.
      const when =
        r.status === "open" ? r.closesAt && t.closes(fmt(r.closesAt)) : r.closedAt && t.closedOn(fmt(r.closedAt));
      return when ? `${r.series} · ${when}` : r.series;
    };
    // A digest's "make an action plan" link names the round and unit; otherwise the newest closed round,
    // which is what a leader comes for (an open one is one click away).
    const wanted = new URLSearchParams(location.search);
    state.unit = wanted.get("unit");
    const initial =
      rounds.find((r) => r.id === wanted.get("round")) || rounds.find((r) => r.status === "closed") || newest;
    /** @param {string} id */
    const show = async (id) => {
      const round = rounds.find((r) => r.id === id);
      if (round) await showRound(t, roundView, round, fmt, fmtDate, me.hr);
    };
    /** @type {HTMLSelectElement} */
    const select = h(
      "select",
      { id: "round-select", "aria-label": t.rounds, onchange: () => show(select.value) },
      rounds.map((r) => h("option", { value: r.id, selected: r.id === initial.id }, label(r))),
    );
    put(main, h("label", { class: "round-pick" }, `${t.rounds} `, select), roundView, plansBox, channels);
    /** @param {string} roundId @param {string} unitId */
    const openPlan = (roundId, unitId) => {
      state.unit = unitId;
      select.value = roundId;
      void show(roundId).then(() => document.getElementById("plan")?.scrollIntoView());
    };
    void renderPlansOverview(plansBox, t, openPlan, me.hr).catch((e) => put(plansBox, warning(t, e)));
    await showRound(t, roundView, initial, fmt, fmtDate, me.hr);
  }
  await renderChannels(channels, t, host);
  if (me.hr) {
    const seriesBox = h("section", { id: "series" });
    const instrumentsBox = h("section", { id: "instruments" });
    const organization = h("section", { id: "organization" });
    const audit = h("section", { id: "audit" });
    main.append(seriesBox, instrumentsBox, organization, audit);
    void renderInstruments(instrumentsBox, t).catch((e) => put(instrumentsBox, warning(t, e)));
    renderOrganization(organization, t);
    await renderSeries(seriesBox, t).catch((e) => put(seriesBox, warning(t, e)));
    await renderAudit(audit, t, fmt).catch((e) => put(audit, warning(t, e)));
  }
  if (host.kind === "teams") host.loaded();
}

run().catch((e) => {
  const t = texts.nb;
  put(main, h("p", { class: "warn", role: "alert" }, `${t.error}: ${errorMessage(e)}`));
});
