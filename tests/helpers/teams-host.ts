/**
 * A stand-in for the Teams client around a tab: a page that frames the tab
 * and answers teams-js over postMessage the way Teams does (initialize with
 * a runtime, getContext, authentication.getAuthToken, settings.setSettings),
 * recording every call in `window.hostCalls`. Served by the browser test at
 * the tab's own origin, which teams-js trusts like Teams' own.
 */
export interface TeamsHostOptions {
  tabPath: string;
  frameContext: "content" | "settings";
  context: Record<string, unknown>;
  ssoToken: string;
}

export function teamsHostPage(o: TeamsHostOptions): string {
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: {
      app: {},
      appEntity: {},
      pages: { appButton: {}, config: {}, tabs: {}, backStack: {}, fullTrust: {} },
      teams: { fullTrust: {} },
    },
  };
  const script = `
    const frame = document.getElementById("tab");
    window.hostCalls = [];
    const answers = {
      initialize: () => [${JSON.stringify(o.frameContext)}, "web", ${JSON.stringify(JSON.stringify(runtime))}, "2.58.0"],
      getContext: () => [${JSON.stringify(o.context)}],
      "authentication.getAuthToken": () => [true, ${JSON.stringify(o.ssoToken)}],
      "settings.setSettings": () => [true],
    };
    window.addEventListener("message", (e) => {
      if (e.source !== frame.contentWindow || typeof e.data !== "object" || !e.data.func) return;
      window.hostCalls.push({ func: e.data.func, args: e.data.args });
      const answer = answers[e.data.func];
      if (answer) e.source.postMessage({ id: e.data.id, uuidAsString: e.data.uuidAsString, args: answer() }, "*");
    });
    // The user presses Save in the tab's setup dialog.
    window.saveTab = () => frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, "*");
  `;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Teams (stand-in)</title></head>
<body style="margin:0"><iframe id="tab" src="${o.tabPath}" style="border:0;width:100vw;height:100vh"></iframe><script>${script}</script></body></html>`;
}
