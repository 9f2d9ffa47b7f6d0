import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { webchatAdapter } from "../../adapters/webchat";
import type { PersonId } from "../../src/core/ids";
import { responses } from "../../src/db/schema";
import type { RunningServer } from "../../src/server/start";
import { seriousViolations } from "../helpers/axe";
import { launchBrowser } from "../helpers/browser";
import { buildDashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";

const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

let browser: Browser;
let server: RunningServer | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** What a phone must give: no sideways scrolling, and every button big enough for a thumb. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.$eval("html", (e) => e.scrollWidth)).toBeLessThanOrEqual(390);
  const small = await page.$$eval("button, a.btn", (els) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.height < 44 || r.width < 44),
  );
  expect(small).toEqual([]);
}

describe("a person answers through the personal link of an e-mail, on a phone", () => {
  it("opens the link, presses Start, taps through every statement, sends no comment and sees thanks", async () => {
    const org = buildDashboardOrg(); // a real organization: no demo picker anywhere
    server = await serveDashboardOrg(org, {}, [webchatAdapter]);
    const s = server;
    const count = () => s.database.db.select().from(responses).where(eq(responses.roundId, org.openRoundId)).all();
    const before = count().length;
    const link = s.links.mint(org.personId("d1@org.example") as PersonId, org.openRoundId)!;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "nb-NO" });
    const refused: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") refused.push(m.text());
    });
    await page.goto(`${s.url}${new URL(link).pathname}`);
    expect(await page.getAttribute("html", "lang")).toBe("nb");
    expect(await page.textContent("h1")).toBe("Engasjementspuls");
    expect(await seriousViolations(page)).toEqual([]);
    await fitsThePhone(page);

    await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/chat")), page.click("button:text('Start')")]);
    const last = () => page.locator("article.msg").last();
    /** Taps and waits for the conversation the tap's 303 leads to, loaded. */
    const tap = async (button: ReturnType<Page["locator"]>) => {
      await Promise.all([page.waitForEvent("framenavigated"), button.click()]);
      await page.waitForLoadState("load");
    };
    let questions = 0;
    for (let guard = 0; guard < 40 && (await last().locator("button.scale").count()) === 5; guard++) {
      expect(await last().textContent()).toMatch(/Utsagn \d+ av \d+/);
      if (questions === 0) {
        if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/link-question.png` });
        expect(await seriousViolations(page)).toEqual([]);
        await fitsThePhone(page);
        // The smallest phones in use are 360 px wide.
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await page.$eval("html", (e) => e.scrollWidth)).toBeLessThanOrEqual(360);
        await page.setViewportSize({ width: 390, height: 844 });
      }
      org.clock.advance(3000); // reading time: not a double tap
      await tap(last().locator("button.scale").nth(3));
      questions++;
    }
    expect(questions).toBeGreaterThan(3);
    expect(await last().locator("textarea[name=comment]").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsThePhone(page);

    org.clock.advance(3000);
    await tap(page.locator("button:text('Send uten kommentar')"));
    expect(await last().textContent()).toMatch(/Takk for svarene!/);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsThePhone(page);
    expect(count()).toHaveLength(before + 1);
    // The page's own style came in under its CSP hash, and nothing was refused.
    expect(refused).toEqual([]);
    await page.close();
  });
});
