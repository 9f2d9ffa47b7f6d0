import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { addPlanMeasure, savePlanFocus } from "../../src/plans/plan-edit";
import type { RunningServer } from "../../src/server/start";
import { launchBrowser } from "../helpers/browser";
import { buildDashboardOrg, type DashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";
import { EntraStandIn, TENANT } from "../helpers/entra-standin";
import { teamsHostPage } from "../helpers/teams-host";

const APP_ID = "2b4f7a1c-9d3e-4f5a-8b6c-0d1e2f3a4b5c";
const LEAD_A_AAD = "6f1c2b9e-0000-4000-8000-000000000002";

let browser: Browser;
let server: RunningServer;
let entra: EntraStandIn;
let org: DashboardOrg;
beforeAll(async () => {
  entra = new EntraStandIn();
  await entra.start();
  org = buildDashboardOrg();
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
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await entra?.stop();
});

describe("the printable action report", () => {
  it("keeps its styles when opened from the Teams tab, with dates and statuses in the reader's language", async () => {
    const a = org.unitId("Org > A");
    const lead = org.personId("lead.a@org.example");
    const t = { roundId: org.roundId, unitId: a, personId: lead };
    const now = org.clock.now();
    savePlanFocus(server.database.db, t, [{ factorId: "leadership", kind: "improve" }], now);
    const measure = { responsibleId: org.personId("a0@org.example"), deadline: "2026-12-20", factorId: "leadership" };
    addPlanMeasure(server.database.db, t, { ...measure, text: "Tavlemøte hver mandag" }, now);

    const ssoToken = await entra.token({ oid: LEAD_A_AAD, audience: `api://localhost/${APP_ID}`, now });
    const context = {
      theme: "default",
      locale: "en-us",
      userObjectId: LEAD_A_AAD,
      tid: TENANT,
      frameContext: "content",
    };
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const tabPath = `/?inTeams=1&round=${org.roundId}&unit=${a}#plan`;
    await page.route(`${server.url}/__teams-host`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({ tabPath, frameContext: "content", context, ssoToken }),
      }),
    );
    await page.goto(`${server.url}/__teams-host`);
    const tab = page.frameLocator("#tab");
    await tab.locator("table.measures").waitFor();
    // Need more time: the leader moves the deadline in the tab; the report shows the new one.
    await tab.getByLabel("New deadline: Tavlemøte hver mandag").fill("2027-01-15");
    await expect.poll(() => tab.locator("table.measures tbody td.num").first().textContent()).toMatch(/2027/);
    const opened = page.context().waitForEvent("page");
    await tab.getByRole("button", { name: "Printable" }).click();
    const report = await opened;
    await report.waitForLoadState("load");
    const violations: string[] = [];
    report.on("console", (m) => {
      if (m.type() === "error") violations.push(m.text());
    });
    // A same-origin page by URL, not a blob: its stylesheet loads under the CSP.
    expect(report.url()).toMatch(new RegExp(`^${server.url}/api/plan-report/`));
    // Run in the page (the tests' types have no DOM): what the browser computed, and how many stylesheets applied.
    const styles = await report.evaluate(`({
      collapse: getComputedStyle(document.querySelector("table")).borderCollapse,
      rule: getComputedStyle(document.querySelector("h1")).borderBottomWidth,
      sheets: document.styleSheets.length,
    })`);
    // Only plan-report.css sets these: the browser's defaults are "separate" and "0px".
    expect(styles).toEqual({ collapse: "collapse", rule: "3px", sheets: 1 });
    expect(await report.locator("table tbody td").allTextContents()).toEqual([
      "Leadership (improve)",
      "Tavlemøte hver mandag",
      "A 0",
      "15 January 2027",
      "Not started",
    ]);
    expect(await report.locator("html").getAttribute("lang")).toBe("en");
    // The address works once: a copied link is worthless.
    const again = await fetch(report.url());
    expect(again.status).toBe(403);
    expect(violations).toEqual([]);
    await page.close();
  });
});
