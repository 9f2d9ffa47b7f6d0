import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SLACK_HANDLERS } from "../../adapters/slack/handlers";
import { renderManifest } from "../../src/cli/manifest";

interface Manifest {
  features: {
    slash_commands: { command: string; url: string; should_escape: boolean }[];
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

/** The bot scope each Web API method we call needs (Slack's method reference). */
const SCOPE_OF: Record<string, string | null> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "conversations.open": "im:write",
  "conversations.history": "im:history",
  "conversations.info": "channels:read",
  "users.lookupByEmail": "users:read.email",
  "views.publish": null,
  "views.open": null,
};

/** Every Web API method the Slack adapter's code calls, read from its source. */
function methodsCalled(): string[] {
  const dir = join(process.cwd(), "adapters/slack");
  const found = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ts"))) {
    for (const m of readFileSync(join(dir, f), "utf8").matchAll(/client\.([a-z]+)\.([A-Za-z]+)\(/g))
      found.add(`${m[1]}.${m[2]}`);
  }
  return [...found].sort();
}

const manifest = renderManifest("slack", "https://pulsen.example.no/") as Manifest;

describe("the Slack app manifest", () => {
  it("lists exactly the commands and events the app registers, and turns interactivity on", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([...SLACK_HANDLERS.commands]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...SLACK_HANDLERS.events]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.slash_commands.every((c) => c.should_escape)).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it("points every URL at PUBLIC_URL/slack/events", () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    expect(new Set(urls)).toEqual(new Set(["https://pulsen.example.no/slack/events"]));
  });

  it("asks for the scopes the code needs, and no more", () => {
    const methods = methodsCalled();
    for (const m of methods) expect(SCOPE_OF, `no scope known for ${m}`).toHaveProperty([m]);
    const needed = new Set(methods.map((m) => SCOPE_OF[m]).filter((s): s is string => s !== null));
    needed.add("commands"); // for the slash command
    needed.add("groups:read"); // conversations.info on a private channel
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
  });
});
