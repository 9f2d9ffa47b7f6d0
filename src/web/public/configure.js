// @ts-check
// The configurable channel tab's setup page: Teams shows it when the tab is
// added to a channel; saving points the tab at the dashboard.
import { applyTheme, detectHost } from "./host.js";
import { pickLocale, texts } from "./i18n.js";

const host = await detectHost();
const t = texts[(host.kind === "teams" && pickLocale(host.locale)) || "nb"];
// configure.html has both.
document.getElementById("title")?.replaceChildren(t.configureTitle);
document.getElementById("help")?.replaceChildren(t.configureHelp);
if (host.kind === "teams") {
  applyTheme(host.theme);
  const { pages } = host.teams;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({
        entityId: "pulsen-dashboard",
        contentUrl: `${location.origin}/?inTeams=1`,
        websiteUrl: `${location.origin}/`,
        suggestedDisplayName: "Pulsen",
      })
      .then(() => save.notifySuccess())
      .catch((e) => save.notifyFailure(String(e?.message)));
  });
  pages.config.setValidityState(true);
  host.loaded();
}
