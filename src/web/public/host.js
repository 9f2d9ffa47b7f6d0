// @ts-check
// Where the dashboard runs: a plain browser tab, or inside Microsoft Teams
// (personal tab, channel tab). In Teams it takes the theme, language and
// channel from the Teams context and signs in with the Teams SSO token;
// in a browser it uses the session cookie from a sign-in link.

/** @typedef {typeof import("@microsoft/teams-js")} TeamsJs the global `microsoftTeams` of teams-js's UMD bundle */
/**
 * @typedef {{ kind: "browser" }} BrowserHost
 * @typedef {{ kind: "teams", teams: TeamsJs, theme: string, locale: string | null,
 *   channel: { id: string, name: string } | null, ssoToken: () => Promise<string>,
 *   onThemeChange: (fn: (theme: string) => void) => void, loaded: () => void,
 *   failed: (message: string) => void }} TeamsHost
 * @typedef {BrowserHost | TeamsHost} Host
 */

const TEAMS_INIT_TIMEOUT_MS = 4000;

/**
 * @param {string} src
 * @returns {Promise<void>}
 */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve(undefined);
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

/** Framed, or asked for by the manifest's tab URL: worth trying Teams. */
function maybeTeams() {
  const framed = window.parent !== window;
  return framed || new URLSearchParams(location.search).has("inTeams");
}

/** @returns {Promise<Host>} */
export async function detectHost() {
  if (!maybeTeams()) return { kind: "browser" };
  try {
    await loadScript("/assets/vendor/teams.js");
    const teams = /** @type {{ microsoftTeams: TeamsJs }} */ (/** @type {unknown} */ (window)).microsoftTeams;
    await withTimeout(teams.app.initialize(), TEAMS_INIT_TIMEOUT_MS);
    const context = await teams.app.getContext();
    const channel = context.channel?.id ? { id: context.channel.id, name: context.channel.displayName || "" } : null;
    return {
      kind: "teams",
      teams,
      theme: context.app?.theme || "default",
      locale: context.app?.locale || null,
      channel,
      ssoToken: () => teams.authentication.getAuthToken(),
      onThemeChange: (fn) => teams.app.registerOnThemeChangeHandler(fn),
      loaded: () => teams.app.notifySuccess(),
      failed: (message) => teams.app.notifyFailure({ reason: teams.app.FailedReason.AuthFailed, message }),
    };
  } catch {
    // Not Teams after all (an ordinary frame, or ?inTeams in a browser): carry on as a web page.
    return { kind: "browser" };
  }
}

/**
 * Applies a Teams theme ("default", "dark", "contrast") to the page.
 * @param {string} theme
 */
export function applyTheme(theme) {
  document.documentElement.dataset.theme = theme === "dark" || theme === "contrast" ? theme : "default";
}

/**
 * Teams says which theme it shows; a browser tab follows the system's light or dark setting, also when it changes.
 * @param {Host} host
 */
export function followTheme(host) {
  if (host.kind === "teams") {
    applyTheme(host.theme);
    host.onThemeChange(applyTheme);
    return;
  }
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  applyTheme(dark.matches ? "dark" : "default");
  dark.addEventListener("change", (e) => applyTheme(e.matches ? "dark" : "default"));
}
