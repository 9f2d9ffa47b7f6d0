import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { webchatAdapter } from "../../adapters/webchat";
import { people } from "../../src/db/schema";
import type { RunningServer } from "../../src/server/start";
import { seriousViolationsInBothThemes } from "../helpers/axe";
import { launchBrowser, signInByLink } from "../helpers/browser";
import { openDatabase } from "../../src/db/open";
import { exportOrgCsv } from "../../src/org/export";
import { createSeries } from "../../src/rounds/series";
import { type DashboardOrg, buildDashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";
import { pressWithKeyboard } from "../helpers/keyboard";

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

/**
 * An employee answers the open round in the web chat, as a person on a phone does: the invitation's
 * button, a 3 on every statement, no comment, then thanks. A few seconds pass between taps.
 */
async function answersInWebChat(s: RunningServer, org: DashboardOrg, email: string): Promise<void> {
  const chat = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: "nb-NO" });
  await chat.goto(`${s.url}/chat/${org.personId(email)}`);
  const last = () => chat.locator("article.msg").last();
  for (let tap = 0; tap < 20 && !/Takk for svarene!/.test((await last().textContent()) ?? ""); tap++) {
    const scale = last().locator("button.scale");
    const button = (await scale.count()) === 5 ? scale.nth(2) : last().locator("button[name=action]").first();
    org.clock.advance(3000);
    const reloaded = chat.waitForResponse((r) => r.request().method() === "GET" && r.url().includes("/chat/"));
    await button.click();
    await reloaded;
  }
  expect(await last().textContent()).toMatch(/Takk for svarene!/);
  await chat.close();
}

const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

/** A loaded machine may take seconds for a refresh: poll that long, never sleep. */
const SLOW = { timeout: 10_000 };

const orgAnswered = (page: Page) => page.locator("table.live tbody tr").first().locator("td").first().textContent();

const NO_VIOLATIONS = { light: [], dark: [] };
const status = (page: Page) => page.textContent(".controls-box [role=status]");

describe("HR runs Pulsen from the console, with the keyboard alone", () => {
  it("watches participation change as someone answers in the web chat, reminds once a day, extends, closes, and reads the audit log", async () => {
    const org = buildDashboardOrg({ demo: true });
    server = await serveDashboardOrg(org, {}, [webchatAdapter]);
    const s = server;
    await s.scheduler.tick(); // the open round's invitations reach the web chat
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // The page's own timers run on a clock the test moves: no waiting for the refresh.
    await page.clock.install();
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.waitForSelector("#round-select");
    await page.selectOption("#round-select", org.openRoundId);
    await page.waitForSelector("table.live");
    expect(await orgAnswered(page)).toBe("2");

    await answersInWebChat(s, org, "b2@org.example");
    await page.clock.runFor(16_000);
    await expect.poll(() => orgAnswered(page), SLOW).toBe("3");

    await pressWithKeyboard(page, page.locator("#remind-now"));
    await expect.poll(() => status(page), SLOW).toMatch(/påminnelser er lagt i kø/);
    await pressWithKeyboard(page, page.locator("#remind-now"));
    await expect
      .poll(() => status(page), SLOW)
      .toBe("Noe gikk galt: En påminnelse gikk ut i dag kl. 10:00. Neste kan sendes i morgen.");

    // The series' next round would close this one: the server says so, and HR pauses the series first.
    const extend = page.locator(".controls form button[type=submit]");
    await page.fill("#extend-until", "2026-12-18");
    await pressWithKeyboard(page, extend);
    await expect
      .poll(() => status(page), SLOW)
      .toBe(
        "Noe gikk galt: Seriens neste runde åpner 1. desember 2026 og ville stenge denne. " +
          "Velg en dag før det, eller sett serien på pause først.",
      );
    const series = page.locator("#series li.series", { hasText: "Engasjementspuls" });
    await pressWithKeyboard(page, series.locator("button", { hasText: "Sett på pause" }));
    await expect.poll(() => page.textContent("#series"), SLOW).toContain("på pause");
    await pressWithKeyboard(page, extend);
    await expect.poll(() => status(page), SLOW).toMatch(/^Runden stenger nå 18\. des\. 2026/);
    await expect.poll(() => page.textContent("#live"), SLOW).toContain("stenger 18. des. 2026");
    if (SCREENSHOTS) {
      const box = (await page.locator("#round").boundingBox())!;
      const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 760) };
      await page.screenshot({ path: `${SCREENSHOTS}/console-round.png`, clip });
    }
    // The open round's controls, with a refusal shown: no serious or critical WCAG 2.1 AA violation.
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);

    page.once("dialog", (d) => void d.accept());
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("round") === org.openRoundId),
      pressWithKeyboard(page, page.locator("#close-now")),
    ]);
    await page.waitForSelector("table.heatmap");

    // The log is the last part of the page to load.
    await page.waitForSelector("#audit table tbody tr");
    const audit = await page.locator("#audit table tbody tr").allTextContents();
    expect(audit.slice(0, 4).map((r) => r.replace(/^.*?Hanne HR/, ""))).toEqual([
      expect.stringMatching(/^Stengte en runde/),
      expect.stringMatching(/^Forlenget en runde/),
      expect.stringMatching(/^Satte en serie på pause/),
      expect.stringMatching(/^Sendte påminnelse/),
    ]);
    // The closed round's results with the audit log below them.
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("imports a semicolon CSV after a dry run that shows its bad line in Norwegian, once fixed", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.waitForSelector("#org-file");

    const roster = exportOrgCsv(s.database.db, { excel: true });
    const withBad = `${roster}ny@org.example;Ny Person;Org > E;;;;;;;;\nbad-email;X;Org > E;;;;;;;;\n`;
    const choose = (text: string) =>
      page.setInputFiles("#org-file", { name: "ansatte.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    const check = page.locator("#organization button[type=submit]");
    await choose(withBad);
    await pressWithKeyboard(page, check);
    await expect.poll(() => page.textContent(".org-result"), SLOW).toContain("Filen ble ikke importert");
    expect(await page.locator(".bad-lines li").allTextContents()).toEqual([
      "linje 36: e-postadressen «bad-email» er ikke gyldig",
    ]);
    expect(await page.isHidden("#org-import")).toBe(true);
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);

    // Excel's plain CSV (Windows-1252): what to do, in Norwegian, and nothing imported.
    const latin1 = Buffer.from(`${roster}ø@org.example;Øyvind Ås;Org > E;;;;;;;;\n`, "latin1");
    await page.setInputFiles("#org-file", { name: "ansatte.csv", mimeType: "text/csv", buffer: latin1 });
    await pressWithKeyboard(page, check);
    await expect.poll(() => page.textContent(".org-result"), SLOW).toContain("CSV UTF-8 (kommadelt)");

    await choose(withBad.replace("bad-email;X;Org > E;;;;;;;;\n", ""));
    await pressWithKeyboard(page, check);
    await expect
      .poll(() => page.textContent(".org-result"), SLOW)
      .toContain("1 nye, 0 endret, 0 slutter, 1 nye enheter.");
    await pressWithKeyboard(page, page.locator("#org-import"));
    await expect.poll(() => page.textContent(".org-result"), SLOW).toContain("Importert.");
    const added = s.database.db.select({ name: people.name }).from(people).where(eq(people.email, "ny@org.example"));
    expect(added.get()).toEqual({ name: "Ny Person" });
    await page.close();
  });

  it("opens a round only after a preview of its reach and first message", async () => {
    const org = buildDashboardOrg();
    const setup = openDatabase(org.path);
    const window = { start: 480, end: 1020, weekdaysOnly: true };
    const base = { instrumentId: "quick-pulse", audience: "Org > B", cadence: "0 9 * * 1", openDays: 5 };
    createSeries(setup.db, { name: "Ukepuls B", ...base, reminderDays: [2], window }, org.clock.now());
    setup.close();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    const item = page.locator("#series li.series", { hasText: "Ukepuls B" });
    await expect.poll(() => item.textContent(), SLOW).toContain("Neste runder: mandag 7. desember kl. 09:00");
    await pressWithKeyboard(page, item.locator("button", { hasText: "Åpne en runde nå" }));
    await expect.poll(() => item.locator(".open-preview").textContent(), SLOW).toContain("10 blir invitert.");
    // The console as HR sees it, with the preview open: no serious or critical WCAG 2.1 AA violation.
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);
    expect(await item.locator(".message-preview h4").textContent()).toBe("Ny pulsmåling: Ukepuls B");
    if (SCREENSHOTS) await page.locator("#series").screenshot({ path: `${SCREENSHOTS}/console-open.png` });
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has("round")),
      pressWithKeyboard(page, item.locator(".open-confirm")),
    ]);
    await page.waitForSelector("table.live");
    await page.close();
  });

  it("creates a weekly series from the form and shows its next runs in Oslo time", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    const fillForm = async (name: string, openDays: string) => {
      await pressWithKeyboard(page, page.locator("#series summary"));
      await page.fill("#series-name", name);
      await page.selectOption("#series-instrument", "quick-pulse");
      await page.fill("#series-audience", "Org > B");
      await page.selectOption("#series-weekday", "2");
      await page.fill("#series-time", "08:30");
      await page.fill("#series-open-days", openDays);
      await page.fill("#series-reminders", "1");
    };
    await fillForm("Tirsdagspuls", "3");
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);
    await pressWithKeyboard(page, page.locator("#series .series-new button[type=submit]"));
    await expect
      .poll(() => page.textContent(".series-status"), SLOW)
      .toBe(
        "Serien er opprettet. Neste runder: tirsdag 1. desember kl. 08:30 · tirsdag 8. desember kl. 08:30 · tirsdag 15. desember kl. 08:30",
      );
    // A form the rules refuse: the server's reason in Norwegian, nothing created.
    await fillForm("For lang", "10");
    await pressWithKeyboard(page, page.locator("#series .series-new button[type=submit]"));
    await expect
      .poll(() => page.textContent(".series-form-status"), SLOW)
      .toBe("Noe gikk galt: En runde som er åpen i 10 dager, ville overlappe den neste (serien går hver 7. dag).");
    expect(await page.locator("#series li.series").allTextContents()).toHaveLength(2);
    await page.close();
  });

  it("adds a custom instrument from a JSON file, with errors in Norwegian that name the field", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.waitForSelector("#instrument-file");
    const builtin = JSON.parse(readFileSync("src/instruments/data/quick-pulse.json", "utf8"));
    const choose = (data: string) =>
      page.setInputFiles("#instrument-file", {
        name: "skjema.json",
        mimeType: "application/json",
        buffer: Buffer.from(data),
      });
    const add = page.locator("#instruments button[type=submit]");
    const result = () => page.textContent(".instrument-result");

    await choose("{ not json");
    await pressWithKeyboard(page, add);
    await expect
      .poll(result, SLOW)
      .toBe("Filen er ikke gyldig JSON. Lagre spørreskjemaet som en .json-fil og prøv igjen.");

    const bad = structuredClone(builtin);
    bad.id = "Min Puls";
    bad.factors[0].items[0].text.nb = "";
    await choose(JSON.stringify(bad));
    await pressWithKeyboard(page, add);
    await expect.poll(result, SLOW).toContain("Spørreskjemaet har 2 feil; ingenting ble lagt til.");
    expect(await page.locator(".instrument-result li").allTextContents()).toEqual([
      "id: bruk bare små bokstaver a–z, tall og bindestrek (som min-puls)",
      "factors[0].items[0].text.nb: kan ikke være tom",
    ]);
    expect(await seriousViolationsInBothThemes(page)).toEqual(NO_VIOLATIONS);

    await choose(JSON.stringify({ ...builtin, id: "var-puls", version: 1 }));
    await pressWithKeyboard(page, add);
    await expect.poll(result, SLOW).toMatch(/var-puls/);
    const preview = page.locator("#instruments li", { hasText: "eget" }).locator("a");
    expect(await preview.getAttribute("href")).toBe("/chat/preview/var-puls");
    await page.close();
  });
});
