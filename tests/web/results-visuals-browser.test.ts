import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import { seriousViolationsInBothThemes } from "../helpers/axe";
import { launchBrowser, signInByLink } from "../helpers/browser";
import { buildVisualsOrg, hiddenValues, serveVisualsOrg, type VisualsOrg } from "../helpers/visuals-org";

const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

let browser: Browser;
let org: VisualsOrg;
let server: RunningServer;
/** Every score and mean k hides in the three rounds, as they would have been. */
let hidden: Set<number>;
beforeAll(async () => {
  org = buildVisualsOrg({ benchmark: true });
  [browser, server] = await Promise.all([launchBrowser(), serveVisualsOrg(org)]);
  hidden = hiddenValues(server.database.db, org.roundIds, 5);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The figures in a JSON value: every score or mean (by its key), and every number with decimals anywhere. */
const FIGURE_KEYS = new Set(["score", "mean", "leadership", "engagement"]);
function figures(v: unknown, key = ""): number[] {
  if (typeof v === "number") return FIGURE_KEYS.has(key) || !Number.isInteger(v) ? [v] : [];
  if (Array.isArray(v)) return v.flatMap((x) => figures(x, key));
  if (v !== null && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => figures(x, k));
  return [];
}

interface Opened {
  page: Page;
  /** The bodies of every /api response the page received. */
  bodies: () => Promise<string[]>;
  errors: string[];
}

async function open(email: string, width: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const bodies: Promise<string>[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) bodies.push(r.text().catch(() => ""));
  });
  await signInByLink(page, `${server.url}/signin?token=${server.sessions.createLink(org.personId(email))}`);
  await page.waitForSelector("table.heatmap");
  await page.waitForSelector(".unit-views section");
  return { page, bodies: () => Promise.all(bodies), errors };
}

/** No hidden score or mean in any response the page got, nor written in the page in either language's form. */
async function expectNoHiddenNumber(o: Opened) {
  expect(hidden.size).toBeGreaterThan(3);
  const leaked = (await o.bodies()).flatMap((b) => figures(JSON.parse(b)).filter((n) => hidden.has(n)));
  expect(leaked).toEqual([]);
  const text = (await o.page.evaluate("document.body.innerText")) as string;
  const decimals = [...hidden]
    .filter((v) => !Number.isInteger(v))
    .flatMap((v) => [String(v), String(v).replace(".", ",")]);
  expect(decimals.filter((d) => text.includes(d))).toEqual([]);
}

/** The pictures stay inside the screen (the rest of the page is tested elsewhere), and axe finds nothing serious. */
async function expectFitsAndPassesAxe(page: Page) {
  // Run in the page (as text: the tests are type-checked without the DOM's types).
  const outside = await page.evaluate(`[...document.querySelectorAll(
      ".unit-views > *, .heat-legend, .insights figure, svg.chart")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.className.baseVal ?? e.className)`);
  expect(outside).toEqual([]);
  expect(await seriousViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
}

describe("the results' pictures in a browser", () => {
  it("show HR the organization's trend and comparisons, a unit's gap where it was hidden, the legend and the insight charts", async () => {
    const o = await open("hr@org.example", 1366);
    const { page } = o;
    // The organization opens first: four factors over three rounds, and the benchmark beside it.
    expect(await page.textContent(".detail h3")).toBe("Org");
    expect(await page.locator(".trend-factor").count()).toBe(4);
    expect(await page.locator(".trend-factor").first().locator(".point").count()).toBe(3);
    expect(await page.textContent(".comparison")).toContain("Referanse KS 2025: 70");
    expect(await page.textContent(".heat-legend")).toContain("75–100: høy");

    await page.locator('tr[data-unit="Org > A > A1"]').click();
    await expect.poll(() => page.textContent(".detail h3")).toBe("Org > A > A1");
    await page.waitForSelector(".detail .comparison");
    expect(await page.locator(".compare-figures").first().textContent()).toBe(
      "Denne enheten: 100 (n = 5) · A: 91 (n = 11) · Virksomheten: 70 (n = 30) · Referanse KS 2025: 70",
    );
    // Round 2 was hidden (three of five answered): a labelled gap, no line across it, no number.
    const engagement = page.locator(".trend-factor").first();
    expect(await engagement.locator(".gap-label").allTextContents()).toEqual(["skjult"]);
    expect(await engagement.locator(".gap").getAttribute("aria-label")).toMatch(/: Skjult: for få svar$/);
    expect(await engagement.locator(".trend-line").count()).toBe(0);
    expect(await engagement.locator(".point").count()).toBe(2);
    if (SCREENSHOTS) await page.locator(".detail .unit-views").screenshot({ path: `${SCREENSHOTS}/results-trend.png` });

    await page.waitForSelector(".insights .quadrant-chart");
    expect(await page.locator(".quadrant-chart .quadrant").count()).toBe(4);
    expect(await page.locator(".quadrant-chart .unit-dot").count()).toBeGreaterThan(0);
    expect(await page.textContent(".driver-chart .lever-area")).toBe("Høy betydning, lav skår");
    expect(await page.locator(".driver-chart .driver").count()).toBe(3);
    if (SCREENSHOTS) await page.locator(".insights").screenshot({ path: `${SCREENSHOTS}/results-insights.png` });

    await expectFitsAndPassesAxe(page);
    // Round 2, where A1 was hidden: the nearest shown unit above, its figures labelled as A's own.
    await page.selectOption("#round-select", org.roundIds[1]!);
    await page.locator('tr[data-unit="Org > A > A1"]').click();
    await page.waitForSelector(".hidden-help .above h4");
    expect(await page.textContent(".hidden-help .above h4")).toBe("Nærmeste enhet over som vises: Org > A");
    expect(await page.textContent(".hidden-help .above .note")).toBe(
      "Tallene under gjelder hele A, ikke din enhet alene.",
    );
    expect(await page.locator(".hidden-help .above-figures tbody tr").first().textContent()).toBe("Engasjement699");
    expect(await page.textContent(".hidden-help .next")).toBe(
      "Neste gang: når minst 5 av de 6 inviterte svarer, vises enhetens resultater.",
    );

    // Round 2 has low scores: the heatmap's red cells keep their contrast too.
    await expectFitsAndPassesAxe(page);
    await expectNoHiddenNumber(o);
    expect(o.errors).toEqual([]);
    await page.close();
  });

  it("show a leader of a shown unit, on a phone in English, a gap where the group changed and no figure above theirs", async () => {
    const o = await open("lead.b@org.example", 360);
    const { page } = o;
    expect(await page.textContent(".detail h3")).toBe("Org > B");
    // One person moved out before round 3: comparing with round 2 could expose them (rule 10).
    const engagement = page.locator(".trend-factor").first();
    expect(await engagement.locator(".gap-label").allTextContents()).toEqual(["not comp."]);
    expect(await page.locator(".compare-figures").first().textContent()).toBe(
      "This unit: 73 (n = 12) · Organization: not among the units you have access to · Benchmark KS 2025: 70",
    );
    expect(await page.locator(".insights").count()).toBe(0);
    await expectFitsAndPassesAxe(page);
    await expectNoHiddenNumber(o);
    expect(o.errors).toEqual([]);
    await page.close();
  });

  it("tell the leader of a hidden unit why, what shows it next time and that the unit above is not theirs, with the plan", async () => {
    const o = await open("lead.c@org.example", 360);
    const { page } = o;
    expect(await page.textContent(".detail h3")).toBe("Org > C");
    expect(await page.textContent(".hidden-help .why")).toBe(
      "Færre enn 5 svarte, så enhetens resultater vises ikke. Det beskytter dem som svarte.",
    );
    expect(await page.textContent(".hidden-help .next")).toContain("minst 5 svar, men bare 4 ble invitert");
    expect(await page.textContent(".hidden-help .above")).toContain("Org, er ikke blant enhetene du har tilgang til");
    expect(await page.getAttribute(".hidden-help a", "href")).toBe("#plan");
    await page.waitForSelector("#plan");
    // The unit's row says hidden, and carries no number at all.
    expect(await page.textContent('tr[data-unit="Org > C"]')).toBe("CSkjult: for få svar");
    if (SCREENSHOTS) {
      // The panel down to the end of the help; the plan below it has its own picture (action-plan.png).
      const panel = (await page.locator(".detail").boundingBox())!;
      const help = (await page.locator(".detail .unit-views").boundingBox())!;
      const clip = { x: panel.x, y: panel.y, width: panel.width, height: help.y + help.height - panel.y + 12 };
      await page.screenshot({ path: `${SCREENSHOTS}/results-hidden-unit.png`, clip, fullPage: true });
    }
    await expectFitsAndPassesAxe(page);
    await expectNoHiddenNumber(o);
    expect(o.errors).toEqual([]);
    await page.close();
  });

  it("show a rep their unit's trend and comparison, and no insights", async () => {
    const o = await open("rep.a@org.example", 1366);
    const { page } = o;
    expect(await page.textContent(".detail h3")).toBe("Org > A");
    expect(await page.locator(".trend-factor").count()).toBe(4);
    expect(await page.locator(".compare-figures").first().textContent()).toBe(
      "Denne enheten: 91 (n = 11) · Virksomheten: ikke blant enhetene du har tilgang til · Referanse KS 2025: 70",
    );
    expect(await page.locator(".insights").count()).toBe(0);
    await expectFitsAndPassesAxe(page);
    await expectNoHiddenNumber(o);
    expect(o.errors).toEqual([]);
    await page.close();
  });
});
