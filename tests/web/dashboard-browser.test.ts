import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { teamsReferences, unitChannels } from "../../src/db/schema";
import type { RunningServer } from "../../src/server/start";
import { launchBrowser, signInByLink } from "../helpers/browser";
import { buildDashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";
import { EntraStandIn, TENANT } from "../helpers/entra-standin";
import { teamsHostPage } from "../helpers/teams-host";

const APP_ID = "2b4f7a1c-9d3e-4f5a-8b6c-0d1e2f3a4b5c";
const LEAD_A_AAD = "6f1c2b9e-0000-4000-8000-000000000002";
const CHANNEL = "19:f00dfeed0123456789abcdef@thread.tacv2";
const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

let browser: Browser;
let server: RunningServer | null = null;
let entra: EntraStandIn | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.stop();
  server = null;
  await entra?.stop();
  entra = null;
});

describe("the test browser", () => {
  it("enforces the Content-Security-Policy and the same-origin policy (web security is not switched off)", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    // Run in the page (as text: the tests are type-checked without the DOM's types).
    const outcome = (await page.evaluate(`new Promise((resolve) => {
      let refused = null;
      document.addEventListener("securitypolicyviolation", (e) => (refused = e.violatedDirective));
      const script = document.createElement("script");
      script.textContent = "window.__injected = true;";
      document.body.append(script);
      setTimeout(() => resolve({ ran: window.__injected === true, refused }), 50);
    })`)) as { ran: boolean; refused: string | null };
    expect(outcome).toEqual({ ran: false, refused: "script-src-elem" });
    // And the same-origin policy holds: another origin cannot read Pulsen's answers (with web security off it could).
    await page.goto("data:text/html,<p>elsewhere</p>");
    const read = await page.evaluate(
      `fetch(${JSON.stringify(`${server.url}/healthz`)}).then((r) => r.text(), () => "refused")`,
    );
    expect(read).toBe("refused");
    await page.close();
  });
});

describe("the dashboard in a browser", () => {
  it("signs HR in from a link and shows the heatmap, hidden units without figures, a unit's details and its comments as plain text", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${s.url}/`);
    await expect.poll(() => page.textContent("main")).toContain("Logg inn på oversikten");

    const token = s.sessions.createLink(org.personId("hr@org.example"));
    await signInByLink(page, `${s.url}/signin?token=${token}`);
    expect(new URL(page.url()).pathname).toBe("/");
    await page.waitForSelector("table.heatmap");
    expect(await page.textContent("#who")).toContain("Hanne HR");

    const rows = page.locator("table.heatmap tbody tr");
    expect(await rows.count()).toBe(6);
    const c = page.locator('tr[data-unit="Org > C"]');
    expect(await c.textContent()).toBe("C" + "Skjult: for få svar");
    expect(await page.locator('tr[data-unit="Org > D"]').textContent()).toContain(
      "Skjult for å beskytte en mindre enhet",
    );
    // A shown unit: responses of invited and four factor scores (everyone in A1 answered 5 → 100).
    expect(await page.locator('tr[data-unit="Org > A > A1"] td').allTextContents()).toEqual([
      "5/5",
      "100",
      "100",
      "100",
      "100",
    ]);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/dashboard.png`, fullPage: true });

    await page.locator('tr[data-unit="Org > A"]').click();
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > A");
    expect(await page.textContent(".detail .summary")).toBe("Svarprosent: 85 % (11 av 13)");
    await page.getByRole("button", { name: "Vis kommentarer" }).click();
    await page.waitForSelector(".comment-list li");
    expect(await page.locator(".comment-list li").allTextContents()).toEqual([
      "For mange møter <b>fet</b> <@U0001> *stjerne*",
    ]);
    expect(await page.locator(".comment-list b").count()).toBe(0);

    // The open round: counts only.
    await page.selectOption("#round-select", org.openRoundId);
    await page.waitForSelector("table.live");
    expect(await page.locator("table.live tbody tr").first().textContent()).toContain("Org");
    expect(await page.textContent("main")).toContain("aldri hvem som har svart");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a leader only their units, and someone without any an explanation", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const page = await browser.newPage();
    await signInByLink(
      page,
      `${server.url}/signin?token=${server.sessions.createLink(org.personId("lead.b@org.example"))}`,
    );
    await page.waitForSelector("table.heatmap");
    expect(
      await page.locator("table.heatmap tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit"))),
    ).toEqual(["Org > B"]);
    expect(await page.textContent("h2")).toBe("Results by unit"); // lead.b reads English
    await page.context().clearCookies();
    await signInByLink(
      page,
      `${server.url}/signin?token=${server.sessions.createLink(org.personId("b4@org.example"))}`,
    );
    await expect.poll(() => page.textContent("main")).toContain("Du har ingen slike enheter");
    await page.close();
  });
});

describe("the action plan in the dashboard", () => {
  it("opens from the digest's link on the unit's plan, where the leader sets focus areas, adds a measure and reports progress", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("lead.c@org.example"))}`);
    // The digest's link for C, a unit whose results are hidden: the plan is still theirs to make.
    await page.goto(`${s.url}/?round=${org.roundId}&unit=${org.unitId("Org > C")}#plan`);
    await page.waitForSelector("form.focus");
    expect(await page.textContent(".detail h3")).toBe("Org > C");
    expect(await page.textContent(".detail")).toContain("Resultatene for denne enheten vises ikke");
    expect(await page.locator(".detail table.factors").count()).toBe(0);

    await page.selectOption('select[data-factor="leadership"]', "improve");
    await page.getByRole("button", { name: "Lagre fokusområder" }).click();
    await expect.poll(() => page.textContent(".plan .summary")).toBe("0 av 0 tiltak gjennomført");
    await page.fill('input[name="text"]', "Avklare roller i vaktplanen");
    await page.selectOption('select[name="area"]', "leadership");
    await page.selectOption('select[name="responsible"]', { label: "C 1 (Org > C, c1@org.example)" });
    await page.fill('input[name="deadline"]', "2027-01-15");
    await page.getByRole("button", { name: "Legg til tiltak" }).click();
    await page.waitForSelector("table.measures tbody tr");
    expect(await page.locator("table.measures tbody tr td").allTextContents()).toEqual([
      "Avklare roller i vaktplanen",
      "Ledelse",
      "C 1",
      "15. jan. 2027",
      "Ikke startetPåbegyntGjennomført",
    ]);
    await page.locator("table.measures select").selectOption("done");
    await expect.poll(() => page.textContent(".plan .summary")).toBe("1 av 1 tiltak gjennomført");
    // HR finds it among all plans, and one click opens it.
    await page.context().clearCookies();
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.waitForSelector("table.plans tbody tr");
    expect(await page.locator("table.plans tbody tr").allTextContents()).toEqual([
      "Org > CEngasjementspuls11 av 1 tiltak gjennomført",
    ]);
    expect(await page.textContent(".insights h2")).toBe("Innsikt for HR");
    await page.locator("table.plans tbody tr").click();
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > C");
    if (SCREENSHOTS) await page.locator(".detail").screenshot({ path: `${SCREENSHOTS}/action-plan.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the dashboard as a Teams tab", () => {
  async function bootTeams() {
    entra = new EntraStandIn();
    await entra.start();
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(
      org,
      {
        PUBLIC_URL: "http://localhost",
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: "secret",
        MICROSOFT_APP_TYPE: "MultiTenant",
        MICROSOFT_LOGIN_URL: entra.url,
      },
      [teamsAdapter],
    );
    return { org, s: server, idp: entra };
  }

  it("takes theme, language and sign-in from Teams, and lets a leader send the unit's results to the channel the tab is in", async () => {
    const { org, s, idp } = await bootTeams();
    // Lead A has chatted with Pulsen before: their 1:1 conversation reference is stored.
    s.database.db
      .insert(teamsReferences)
      .values({
        personId: org.personId("lead.a@org.example"),
        reference: {
          channelId: "msteams",
          serviceUrl: "https://smba.trafficmanager.net/emea/",
          bot: { id: `28:${APP_ID}`, name: "Pulsen" },
          conversation: { id: "a:1personal", conversationType: "personal", tenantId: TENANT },
        },
        updatedAt: org.clock.now(),
      })
      .run();
    const ssoToken = await idp.token({ oid: LEAD_A_AAD, audience: `api://localhost/${APP_ID}`, now: org.clock.now() });
    const context = {
      theme: "dark",
      locale: "en-us",
      userObjectId: LEAD_A_AAD,
      tid: TENANT,
      channelId: CHANNEL,
      channelName: "Avdeling A",
      teamId: "19:team@thread.tacv2",
      frameContext: "content",
      hostClientType: "web",
    };
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.route(`${s.url}/__teams-host`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({ tabPath: "/?inTeams=1", frameContext: "content", context, ssoToken }),
      }),
    );
    await page.goto(`${s.url}/__teams-host`);
    const tab = page.frameLocator("#tab");
    await tab.locator("table.heatmap").waitFor();
    expect(await tab.locator("html").getAttribute("data-theme")).toBe("dark");
    expect(await tab.locator("h2").first().textContent()).toBe("Results by unit"); // Teams says en-us; the CSV said nothing
    expect(await tab.locator("table.heatmap thead th").allTextContents()).toEqual([
      "Unit",
      "Responses",
      "Engagement",
      "Leadership",
      "Execution",
      "Readiness for change",
    ]);
    expect(
      await tab.locator("table.heatmap tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit"))),
    ).toEqual(["Org > A", "Org > A > A1"]);
    const calls = (await page.evaluate(() =>
      (globalThis as unknown as { hostCalls: { func: string }[] }).hostCalls.map((c) => c.func),
    )) as string[];
    expect(calls).toEqual(
      expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken", "appInitialization.success"]),
    );
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/teams-tab.png` });

    await tab.getByRole("button", { name: "Post the results for A to this channel" }).click();
    await expect
      .poll(
        () =>
          s.database.db
            .select()
            .from(unitChannels)
            .where(eq(unitChannels.unitId, org.unitId("Org > A")))
            .all().length,
      )
      .toBe(1);
    const stored = s.database.db
      .select()
      .from(unitChannels)
      .where(eq(unitChannels.unitId, org.unitId("Org > A")))
      .get()!;
    expect(stored.platform).toBe("teams");
    expect(JSON.parse(stored.channel)).toMatchObject({
      serviceUrl: "https://smba.trafficmanager.net/emea/",
      conversation: { id: CHANNEL, conversationType: "channel", tenantId: TENANT },
    });
    await page.close();
  });

  it("sets up the channel tab: the setup page saves a tab pointing at the dashboard", async () => {
    const { s } = await bootTeams();
    const page = await browser.newPage();
    const context = { theme: "default", locale: "nb-no", frameContext: "settings", hostClientType: "web" };
    await page.route(`${s.url}/__teams-host`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({ tabPath: "/teams/configure", frameContext: "settings", context, ssoToken: "unused" }),
      }),
    );
    await page.goto(`${s.url}/__teams-host`);
    const calls = () =>
      page.evaluate(() => (globalThis as unknown as { hostCalls: { func: string; args: unknown[] }[] }).hostCalls);
    await expect.poll(async () => (await calls()).map((c) => c.func)).toContain("settings.setValidityState");
    expect(await page.frameLocator("#tab").locator("h1").textContent()).toBe("Pulsen i denne kanalen");
    await page.evaluate(() => (globalThis as unknown as { saveTab: () => void }).saveTab());
    await expect.poll(async () => (await calls()).map((c) => c.func)).toContain("settings.save.success");
    const saved = (await calls()).find((c) => c.func === "settings.setSettings")!;
    expect(saved.args[0]).toMatchObject({ entityId: "pulsen-dashboard", contentUrl: `${s.url}/?inTeams=1` });
    await page.close();
  });

  it("still works as a plain web page when opened with ?inTeams=1 outside Teams", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const page = await browser.newPage();
    await signInByLink(
      page,
      `${server.url}/signin?token=${server.sessions.createLink(org.personId("hr@org.example"))}`,
    );
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${server.url}/?inTeams=1`);
    await page.waitForSelector("table.heatmap", { timeout: 10_000 });
    // No Teams theme: the browser's own setting, and its change, decide.
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => page.locator("html").getAttribute("data-theme")).toBe("default");
    await page.close();
  });
});
