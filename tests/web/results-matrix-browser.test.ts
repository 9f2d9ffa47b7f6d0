import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { chooseLocale, chosenLocale } from "../../src/db/person-settings";
import type { RunningServer } from "../../src/server/start";
import { seriousViolations } from "../helpers/axe";
import { launchBrowser, signInByLink } from "../helpers/browser";
import { buildDashboardOrg, type DashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";
import { EntraStandIn, TENANT } from "../helpers/entra-standin";
import { teamsHostPage } from "../helpers/teams-host";

const APP_ID = "2b4f7a1c-9d3e-4f5a-8b6c-0d1e2f3a4b5c";
const LEAD_A_AAD = "6f1c2b9e-0000-4000-8000-000000000002";
const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

/**
 * The figures the anonymity engine hides in this organization (tests/helpers/dashboard-org.ts): everyone in
 * C answered 1 and everyone in D answered 2, so their means are 1 and 2 and their scores 0 and 25. No
 * shown figure has those values (A 4,45, A1 5, B 3, the organization 3,28), so finding one anywhere, on
 * screen or in a response, is a leak.
 */
const SUPPRESSED_ON_SCREEN = /\b[12][.,]0{1,2}\b/;
const SUPPRESSED_IN_JSON = /"(mean|sd)":[12](\.0+)?[,}]|"score":(0|25)(\.0+)?[,}]/;

/** Run in the page (as text: the tests are type-checked without the DOM's types). */
const STICKING_OUT = `document.documentElement.scrollWidth <= innerWidth ? [] : [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > innerWidth && !e.closest(".table-wrap"))
  .slice(0, 8)
  .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""))`;

/** Headings that skip a level (an h2 followed by an h4), as "h2 Title → h4 Title". */
const SKIPPED_HEADINGS = `[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].flatMap((el, i, all) => {
  const level = Number(el.tagName[1]);
  const before = i === 0 ? 0 : Number(all[i - 1].tagName[1]);
  return level > before + 1 ? [(all[i - 1]?.tagName ?? "") + " → " + el.tagName + " " + el.textContent] : [];
})`;

/**
 * What axe checks in the matrix: the results views and the page around them. HR's console below them has
 * its own axe checks (tests/web/console-browser.test.ts); leaving it out keeps the matrix's runs quick.
 */
const RESULTS_VIEWS = [".skip", "header", "#round", "#plans", "footer"];

interface Role {
  email: string;
  /** The heatmap's rows, in order. */
  rows: string[];
  /** Whether the unit opened first shows figures (a hidden unit's leader sees why instead). */
  figures: boolean;
}

const ROLES: Record<string, Role> = {
  hr: {
    email: "hr@org.example",
    rows: ["Org", "Org > A", "Org > A > A1", "Org > B", "Org > C", "Org > D"],
    figures: true,
  },
  "leader of a shown unit": { email: "lead.a@org.example", rows: ["Org > A", "Org > A > A1"], figures: true },
  "leader of a hidden unit": { email: "lead.c@org.example", rows: ["Org > C"], figures: false },
  rep: { email: "rep.a@org.example", rows: ["Org > A", "Org > A > A1"], figures: true },
};

let browser: Browser;
let server: RunningServer;
let entra: EntraStandIn;
let org: DashboardOrg;

beforeAll(async () => {
  entra = new EntraStandIn();
  await entra.start();
  org = buildDashboardOrg();
  [browser, server] = await Promise.all([
    launchBrowser(),
    serveDashboardOrg(
      org,
      {
        PUBLIC_URL: "http://localhost",
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: "secret",
        MICROSOFT_APP_TYPE: "MultiTenant",
        MICROSOFT_LOGIN_URL: entra.url,
      },
      [teamsAdapter],
    ),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await entra?.stop();
});

/** A signed-in page for one person, collecting every /api response body it receives. */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page; bodies: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const bodies: string[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/"))
      void r.text().then(
        (b) => bodies.push(b),
        () => undefined,
      );
  });
  await signInByLink(page, `${server.url}/signin?token=${server.sessions.createLink(org.personId(email))}`);
  await page.waitForSelector("table.heatmap");
  return { context, page, bodies };
}

/** Picks a language on the header's switch, as a person does; the page comes back in it. */
async function switchLanguage(page: Page, locale: "nb" | "nn" | "en"): Promise<void> {
  if ((await page.locator("html").getAttribute("lang")) === locale) return;
  await Promise.all([page.waitForEvent("load"), page.selectOption("#lang-select", locale)]);
  await page.waitForSelector(`html[lang="${locale}"] table.heatmap`);
}

// Each role on one page that stays: the language by the switch (a reload), theme and width without one.
describe("the results views in nb and en, light and dark, at 1366 and 360 px", () => {
  it.each(Object.entries(ROLES))(
    "as %s: the role's units, no serious axe violation, no sideways scroll, numbers in the language, no hidden figure",
    async (name, role) => {
      const { context, page, bodies } = await signedIn(role.email);
      for (const locale of ["nb", "en"] as const) {
        await switchLanguage(page, locale);
        const rows = await page
          .locator("table.heatmap tbody tr")
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit")));
        expect(rows, name).toEqual(role.rows);
        expect(await page.evaluate(SKIPPED_HEADINGS), `${name} ${locale}`).toEqual([]);
        if (role.figures) {
          // The detail's mean: "4,45" in Norwegian, "4.45" in English.
          const mean = (await page.locator(".detail table.factors tbody td.num").first().textContent()) ?? "";
          expect(mean, `${name} ${locale}`).toMatch(locale === "nb" ? /^\d,\d\d$/ : /^\d\.\d\d$/);
        } else {
          // Why, never how many answered (the visuals' hidden-unit view adds the nearest shown unit above).
          expect(await page.locator(".detail td.num").count()).toBe(0);
          expect(await page.textContent("table.heatmap tbody")).toMatch(locale === "nb" ? /Skjult/ : /Hidden/);
        }
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.waitForSelector(`html[data-theme="${scheme === "dark" ? "dark" : "default"}"]`, {
            state: "attached",
          });
          for (const width of [1366, 360]) {
            await page.setViewportSize({ width, height: 900 });
            const what = `${name}, ${locale}, ${scheme}, ${width} px`;
            // Contrast and names do not change with the width; at 360 px what can break is the layout. The
            // colours do not change with the language either: the second language is checked in light only.
            const axeHere = width === 1366 && (locale === "nb" || scheme === "light");
            if (axeHere) expect(await seriousViolations(page, RESULTS_VIEWS), what).toEqual([]);
            if (width === 360) {
              // Whatever sticks out past the screen's edge, outside a table's own scrolling frame.
              const sticking = (await page.evaluate(STICKING_OUT)) as string[];
              expect(sticking, what).toEqual([]);
            }
            expect((await page.textContent("body")) ?? "", what).not.toMatch(SUPPRESSED_ON_SCREEN);
            if (SCREENSHOTS && name === "hr" && locale === "nb" && scheme === "dark" && width === 360)
              await page.screenshot({
                path: `${SCREENSHOTS}/results-phone-dark.png`,
                fullPage: true,
                clip: { x: 0, y: 0, width: 360, height: 1300 },
              });
            if (
              SCREENSHOTS &&
              name === "leader of a shown unit" &&
              locale === "en" &&
              scheme === "light" &&
              width === 1366
            )
              await page.screenshot({ path: `${SCREENSHOTS}/results-en.png` });
          }
        }
        await page.emulateMedia({ colorScheme: "light" });
        await page.setViewportSize({ width: 1366, height: 900 });
      }
      const leaked = bodies.filter((b) => SUPPRESSED_IN_JSON.test(b));
      expect(leaked, name).toEqual([]);
      expect(bodies.length).toBeGreaterThan(0);
      await context.close();
    },
    // Three axe runs: a few seconds on a quiet machine, far more on a busy one.
    60_000,
  );
});

describe("the results view, kept and moved by keyboard", () => {
  it("opens a unit from the keyboard, keeps round and unit in the address across a reload, and steps back", async () => {
    const { context, page } = await signedIn("hr@org.example");
    expect(new URL(page.url()).searchParams.get("round")).toBe(org.roundId);
    // Tab to B's row button and press Space (a button's key), then Enter on A1's.
    await page.locator('tr[data-unit="Org > B"] button.row-open').focus();
    await page.keyboard.press("Space");
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > B");
    expect(new URL(page.url()).searchParams.get("unit")).toBe(org.unitId("Org > B"));
    await page.keyboard.press("Shift+Tab");
    await page.locator('tr[data-unit="Org > A > A1"] button.row-open').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > A > A1");
    await page.reload();
    await page.waitForSelector("table.heatmap");
    expect(await page.textContent(".detail h3")).toBe("Org > A > A1");
    await page.goBack();
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > B");
    await context.close();
  });
});

describe("the pages around the results", () => {
  it("the open round's counts, the printout and the accessibility statement pass axe in both themes and fit 360 px", async () => {
    const { context, page } = await signedIn("hr@org.example");
    const open = `/?round=${org.openRoundId}`;
    for (const path of [open, `/results/print?round=${org.roundId}`, "/tilgjengelighet"]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector(path === open ? "table.live" : "footer a");
      expect(await page.evaluate(SKIPPED_HEADINGS), path).toEqual([]);
      // Light on a wide screen, dark on a phone: both themes and both widths, in half the runs.
      for (const [scheme, width] of [
        ["light", 1366],
        ["dark", 360],
      ] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        const what = `${path}, ${scheme}, ${width} px`;
        expect(await seriousViolations(page), what).toEqual([]);
        expect(await page.evaluate(STICKING_OUT), what).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 1366, height: 900 });
    }
    await context.close();
  });

  it("the plans overview shows a plan as soon as it is saved, without a reload", async () => {
    chooseLocale(server.database.db, org.personId("lead.c@org.example"), "nb", org.clock.now());
    const { context, page } = await signedIn("lead.c@org.example");
    expect(await page.locator("table.plans").count()).toBe(0);
    await page.goto(`${server.url}/?round=${org.roundId}&unit=${org.unitId("Org > C")}`);
    await page.waitForSelector("form.focus");
    await page.selectOption('select[data-factor="leadership"]', "improve");
    await page.getByRole("button", { name: "Lagre fokusområder" }).click();
    await expect
      .poll(() => page.locator("table.plans tbody tr").allTextContents())
      .toEqual(["Org > CEngasjementspuls10 av 0 tiltak gjennomført"]);
    await context.close();
  });
});

describe("the language switch", () => {
  it("is remembered on the server and used at the next sign-in", async () => {
    const rep = org.personId("rep.a@org.example");
    const first = await signedIn("rep.a@org.example");
    await switchLanguage(first.page, "nn");
    expect(chosenLocale(server.database.db, rep)).toBe("nn");
    await first.context.close();
    const again = await signedIn("rep.a@org.example");
    expect(await again.page.locator("html").getAttribute("lang")).toBe("nn");
    expect(await again.page.textContent("#statement")).toBe("Tilgjengelegheitserklæring");
    await switchLanguage(again.page, "nb");
    await again.context.close();
  });
});

describe("the printable report", () => {
  it("opens from the Teams tab with its styles, for the leader's own unit, and prints nothing hidden", async () => {
    const ssoToken = await entra.token({
      oid: LEAD_A_AAD,
      audience: `api://localhost/${APP_ID}`,
      now: org.clock.now(),
    });
    const context = {
      theme: "default",
      locale: "nb-no",
      userObjectId: LEAD_A_AAD,
      tid: TENANT,
      frameContext: "content",
    };
    // Lead A reads Norwegian here, whatever the matrix above switched to.
    chooseLocale(server.database.db, org.personId("lead.a@org.example"), "nb", org.clock.now());
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.route(`${server.url}/__teams-host`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({ tabPath: "/?inTeams=1", frameContext: "content", context, ssoToken }),
      }),
    );
    await page.goto(`${server.url}/__teams-host`);
    const tab = page.frameLocator("#tab");
    await tab.locator("table.heatmap").waitFor();
    await tab.getByRole("link", { name: "Utskrift / PDF" }).click();
    await tab.locator("main.print-report").waitFor();
    const frame = page.frame({ url: /\/results\/print/ })!;
    expect(await frame.textContent("h1")).toBe("Resultater: Org > A");
    // Styles from our own origin, applied (the print bar is laid out by print.css).
    expect(await frame.evaluate(`getComputedStyle(document.querySelector(".print-bar")).display`)).toBe("flex");
    await expect.poll(() => new URL(frame.url()).searchParams.has("ticket")).toBe(false);
    expect(await frame.locator("table.heatmap tbody th").allTextContents()).toEqual(["Org > A", "Org > A > A1"]);
    expect((await frame.textContent("body")) ?? "").not.toMatch(SUPPRESSED_ON_SCREEN);
    expect(await frame.textContent("main")).toContain("4,45");
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/results-print.png` });
    await page.close();
  });
});
