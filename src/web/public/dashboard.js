// @ts-check
// The dashboard's front end: signs in (Teams SSO, a sign-in link's cookie,
// or the demo's picker), then shows rounds, live participation while a round
// is open, results once it closes, and where each unit's digest goes.
import { api, errorMessage, forgetBearer, useBearer, useLanguage } from "./api.js";
import { renderChannels } from "./channels.js";
import { h, put } from "./dom.js";
import { followTheme, detectHost } from "./host.js";
import { formatDate, pickLocale, texts, useLocale } from "./i18n.js";
import {
  renderAudit,
  renderInstruments,
  renderOrganization,
  renderRoundControls,
  renderSeries,
  renderUnreachable,
} from "./console.js";
import { renderInsights } from "./insights.js";
import { renderAttributes } from "./attributes.js";
import { renderPlansOverview } from "./plans.js";
import { exportsBar } from "./exports.js";
import { renderLive, renderResults } from "./results.js";
import { dressPage, languageSwitch } from "./page-chrome.js";
import { readView, writeView } from "./view-state.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").RoundSummary} RoundSummary */
/** @typedef {(iso: string) => string} Format */

// index.html has both.
const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const who = /** @type {HTMLElement} */ (document.getElementById("who"));
/**
 * The open unit and tab travel with the address (view-state.js); `onUnit` and `onTab` are told when the
 * person opens one (a new history entry, so Back returns to the one before).
 * @type {{ unit: string | null; tab: string | null; refresh: ReturnType<typeof setInterval> | undefined;
 *   onUnit: (unitId: string) => void; onTab: (tab: string) => void; inTeams: boolean;
 *   locale: import("../api-types").Locale }}
 */
const state = {
  unit: null,
  tab: null,
  refresh: undefined,
  onUnit: (unit) => writeView({ unit }, true),
  onTab: (tab) => writeView({ tab }, true),
  inTeams: false,
  locale: "nb",
};
const LIVE_REFRESH_MS = 15_000;

/**
 * @param {import("../api-types").Locale} locale
 * @returns {Format}
 */
function formatter(locale, withTime = true) {
  useLocale(locale);
  return (iso) => formatDate(iso, withTime);
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
    roundView.querySelector(".note")?.after(exportsBar(t, round.id, state.locale, state.inTeams));
    if (hr) {
      const box = h("section", { class: "insights" });
      roundView.append(box);
      /** @param {string} id */
      const name = (id) => data.factors.find((f) => f.id === id)?.name ?? id;
      await renderInsights(box, t, round.id, name).catch((e) => put(box, warning(t, e)));
      const byAttribute = h("section", { class: "attributes-box", "aria-labelledby": "attributes-title" });
      roundView.append(byAttribute);
      await renderAttributes(byAttribute, t, round.id, data.factors, data.anonymityMin).catch((e) =>
        put(byAttribute, warning(t, e)),
      );
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
    const locale = hostLocale || pickLocale(navigator.language) || "nb";
    dressPage(locale);
    showSignIn(texts[locale], session);
    return;
  }
  const me = await api("GET", "/me");
  // The person's own choice wins, then the Teams client's language, then the organization file's.
  const locale = me.chosenLocale || hostLocale || me.locale;
  useLanguage(locale);
  state.locale = locale;
  state.inTeams = host.kind === "teams";
  const t = texts[locale];
  const fmt = formatter(locale);
  const fmtDate = formatter(locale, false);
  dressPage(locale);
  put(
    who,
    h("span", {}, me.name),
    languageSwitch(locale),
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
    put(main, h("h1", { class: "page-title" }, t.title), h("p", {}, t.noAccess));
    return;
  }
  const { rounds } = await api("GET", "/rounds");
  const roundView = h("section", { id: "round" });
  const channels = h("section", { id: "channels" });
  const plansBox = h("section", { id: "plans" });
  const newest = rounds[0];
  if (newest === undefined) {
    put(main, h("h1", { class: "page-title" }, t.title), h("p", {}, t.noRounds), plansBox, channels);
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
    const wanted = readView();
    state.unit = wanted.unit;
    state.tab = wanted.tab;
    const initial = rounds.find((r) => r.id === wanted.round) || rounds.find((r) => r.status === "closed") || newest;
    writeView({ round: initial.id }, false);
    /** @param {string} id */
    const show = async (id) => {
      const round = rounds.find((r) => r.id === id);
      if (round) await showRound(t, roundView, round, fmt, fmtDate, me.hr);
    };
    /** @type {HTMLSelectElement} */
    const select = h(
      "select",
      {
        id: "round-select",
        onchange: () => {
          writeView({ round: select.value }, true);
          void show(select.value);
        },
      },
      rounds.map((r) => h("option", { value: r.id, selected: r.id === initial.id }, label(r))),
    );
    put(
      main,
      h("h1", { class: "page-title" }, t.title),
      h("label", { class: "round-pick" }, `${t.rounds} `, select),
      roundView,
      plansBox,
      channels,
    );
    // Back and forward step through the views the address kept.
    window.addEventListener("popstate", () => {
      const v = readView();
      state.unit = v.unit;
      state.tab = v.tab;
      const id = rounds.some((r) => r.id === v.round) ? /** @type {string} */ (v.round) : initial.id;
      select.value = id;
      void show(id);
    });
    /** @param {string} roundId @param {string} unitId */
    const openPlan = (roundId, unitId) => {
      state.unit = unitId;
      select.value = roundId;
      writeView({ round: roundId, unit: unitId }, true);
      void show(roundId).then(() => document.getElementById("plan")?.scrollIntoView());
    };
    const plansList = () =>
      void renderPlansOverview(plansBox, t, openPlan, me.hr).catch((e) => put(plansBox, warning(t, e)));
    plansList();
    // A plan changed anywhere on the page: the overview shows it without a reload.
    document.addEventListener("pulsen:saved", (e) => {
      const path = /** @type {CustomEvent<{ path: string }>} */ (e).detail.path;
      if (path.includes("/plan") || path.startsWith("/measures/")) plansList();
    });
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
