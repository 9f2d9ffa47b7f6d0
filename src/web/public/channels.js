// @ts-check
// Where each unit's digest goes: leaders and HR choose a Slack channel by id,
// or, inside a Teams channel tab, that very channel with one click.
import { api, errorMessage } from "./api.js";
import { h, put } from "./dom.js";

/**
 * @param {HTMLElement} root
 * @param {import("./i18n.js").Texts} t
 * @param {import("./host.js").Host} host
 * @returns {Promise<void>}
 */
export async function renderChannels(root, t, host) {
  const data = await api("GET", "/channels");
  // Nothing to choose without Slack or Teams (the demo), or without units to lead.
  if (data.units.length === 0 || data.platforms.length === 0) {
    put(root);
    return;
  }
  const status = h("p", { class: "status", role: "status" });
  /** @param {string} unitId @param {import("../api-types").ChannelPlatform} platform @param {string} channelId */
  const save = async (unitId, platform, channelId) => {
    status.textContent = t.loading;
    try {
      await api("PUT", `/units/${encodeURIComponent(unitId)}/channel`, { platform, channelId });
      status.textContent = t.saved;
      await renderChannels(root, t, host);
      root.querySelector(".status")?.replaceWith(h("p", { class: "status", role: "status" }, t.saved));
    } catch (e) {
      status.textContent = `${t.error}: ${errorMessage(e)}`;
    }
  };
  const here = host.kind === "teams" && data.platforms.includes("teams") ? host.channel : null;
  const rows = data.units.map((u) => {
    const current = Object.entries(u.channels).map(
      ([p, label]) => `${p === "slack" ? "Slack" : ""}${p === "slack" ? ": " : ""}${label}`,
    );
    const controls = [];
    if (here) {
      const name = u.path.split(" > ").pop() ?? u.path;
      const onclick = () => save(u.id, "teams", here.id);
      controls.push(h("button", { type: "button", onclick }, t.useThisChannel(name)));
    }
    if (data.platforms.includes("slack")) {
      const input = h("input", {
        type: "text",
        name: "channel",
        placeholder: "C0123ABCDE",
        "aria-label": `${t.channelId} (Slack) – ${u.path}`,
        size: 14,
      });
      controls.push(
        h(
          "form",
          {
            class: "inline",
            onsubmit: (e) => {
              e.preventDefault();
              save(u.id, "slack", input.value);
            },
          },
          h("label", {}, `Slack ${t.channelId} `, input),
          h("button", { type: "submit" }, t.save),
        ),
      );
    }
    return h(
      "li",
      {},
      h("strong", {}, u.path),
      h("span", { class: "channel-now" }, current.length > 0 ? current.join(", ") : t.channelNone),
      controls,
    );
  });
  put(
    root,
    h("h2", {}, t.channelsTitle),
    h("p", { class: "note" }, t.channelsNote),
    h("ul", { class: "channels" }, rows),
    status,
  );
}
