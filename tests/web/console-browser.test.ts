import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { storeAnonymously } from "../../src/db/answer-store";
import { draftAnswers, drafts, people, rounds } from "../../src/db/schema";
import type { RunningServer } from "../../src/server/start";
import { seriousViolations } from "../helpers/axe";
import { launchBrowser, signInByLink } from "../helpers/browser";
import { openDatabase } from "../../src/db/open";
import { exportOrgCsv } from "../../src/org/export";
import { createSeries } from "../../src/rounds/series";
import { buildDashboardOrg, serveDashboardOrg } from "../helpers/dashboard-org";

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

/** Someone finishes the open round (through the draft → anonymous path the bot uses). */
function answers(s: RunningServer, roundId: string, email: string): void {
  const db = s.database.db;
  const pid = db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const items = db.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, roundId)).get()!.itemIds!;
  db.transaction((tx) => {
    tx.insert(drafts).values({ roundId, personId: pid, comment: null }).run();
    for (const itemId of items) tx.insert(draftAnswers).values({ roundId, personId: pid, itemId, value: 3 }).run();
    storeAnonymously(tx, roundId, pid, true);
  });
}

const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

/** A loaded machine may take seconds for a refresh: poll that long, never sleep. */
const SLOW = { timeout: 10_000 };

const orgAnswered = (page: Page) => page.locator("table.live tbody tr").first().locator("td").first().textContent();

describe("HR runs an open round from the dashboard", () => {
  it("watches participation refresh by itself, reminds once a day, extends, closes, and reads the audit log", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
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

    answers(s, org.openRoundId, "b2@org.example");
    await page.clock.runFor(16_000);
    await expect.poll(() => orgAnswered(page), SLOW).toBe("3");

    // With the keyboard alone: Tab to the button, Enter.
    await page.focus("#remind-now");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent(".controls-box [role=status]"), SLOW).toMatch(/påminnelser er lagt i kø/);
    await page.click("#remind-now");
    await expect
      .poll(() => page.textContent(".controls-box [role=status]"), SLOW)
      .toBe("Noe gikk galt: En påminnelse gikk ut i dag kl. 10:00. Neste kan sendes i morgen.");

    // The series' next round would close this one: the server says so, and HR pauses the series first.
    await page.fill("#extend-until", "2026-12-18");
    await page.click("text=Forleng");
    await expect
      .poll(() => page.textContent(".controls-box [role=status]"), SLOW)
      .toMatch(/next round opens 2026-12-01/);
    await page.locator("#series li.series", { hasText: "Engasjementspuls" }).locator("text=Sett på pause").click();
    await expect.poll(() => page.textContent("#series"), SLOW).toContain("på pause");
    await page.click("text=Forleng");
    await expect
      .poll(() => page.textContent(".controls-box [role=status]"), SLOW)
      .toMatch(/^Runden stenger nå 18\. des\. 2026/);
    await expect.poll(() => page.textContent("#live"), SLOW).toContain("stenger 18. des. 2026");
    if (SCREENSHOTS) {
      const box = (await page.locator("#round").boundingBox())!;
      const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 760) };
      await page.screenshot({ path: `${SCREENSHOTS}/console-round.png`, clip });
    }
    // The open round's controls, with an error shown: no serious or critical WCAG 2.1 AA violation.
    expect(await seriousViolations(page)).toEqual([]);

    page.once("dialog", (d) => void d.accept());
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("round") === org.openRoundId),
      page.click("#close-now"),
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
    expect(errors).toEqual([]);
    await page.close();
  });

  it("imports a semicolon CSV after a dry run that shows its bad line, once fixed", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.waitForSelector("#org-file");

    const roster = exportOrgCsv(s.database.db, { excel: true });
    const withBad = `${roster}ny@org.example;Ny Person;Org > E;;;;;;\nbad-email;X;Org > E;;;;;;\n`;
    const choose = (text: string) =>
      page.setInputFiles("#org-file", { name: "ansatte.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await choose(withBad);
    await page.click("text=Sjekk filen");
    await expect.poll(() => page.textContent(".org-result"), SLOW).toContain("Filen ble ikke importert");
    expect(await page.locator(".bad-lines li").allTextContents()).toEqual([
      "linje 36: e-postadressen «bad-email» er ikke gyldig",
    ]);
    expect(await page.isHidden("#org-import")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await choose(withBad.replace("bad-email;X;Org > E;;;;;;\n", ""));
    await page.click("text=Sjekk filen");
    await expect
      .poll(() => page.textContent(".org-result"), SLOW)
      .toContain("1 nye, 0 endret, 0 slutter, 1 nye enheter.");
    await page.click("#org-import");
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
    await item.locator("text=Åpne en runde nå").click();
    await expect.poll(() => item.locator(".open-preview").textContent(), SLOW).toContain("10 blir invitert.");
    // The console as HR sees it, with the preview open: no serious or critical WCAG 2.1 AA violation.
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await item.locator(".message-preview h4").textContent()).toBe("Ny pulsmåling: Ukepuls B");
    if (SCREENSHOTS) await page.locator("#series").screenshot({ path: `${SCREENSHOTS}/console-open.png` });
    await Promise.all([page.waitForURL((u) => u.searchParams.has("round")), item.locator(".open-confirm").click()]);
    await page.waitForSelector("table.live");
    await page.close();
  });

  it("creates a weekly series from the form and shows its next runs in Oslo time", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    await page.click("#series summary");
    await page.fill("#series-name", "Tirsdagspuls");
    await page.selectOption("#series-instrument", "quick-pulse");
    await page.fill("#series-audience", "Org > B");
    await page.selectOption("#series-weekday", "2");
    await page.fill("#series-time", "08:30");
    await page.fill("#series-open-days", "3");
    await page.fill("#series-reminders", "1");
    await page.click("text=Opprett serien");
    await expect
      .poll(() => page.textContent(".series-status"), SLOW)
      .toBe(
        "Serien er opprettet. Neste runder: tirsdag 1. desember kl. 08:30 · tirsdag 8. desember kl. 08:30 · tirsdag 15. desember kl. 08:30",
      );
    // A form the rules refuse: the server's reason, nothing created.
    await page.click("#series summary");
    await page.fill("#series-name", "For lang");
    await page.fill("#series-open-days", "10");
    await page.click("text=Opprett serien");
    await expect
      .poll(() => page.textContent(".series-form-status"), SLOW)
      .toMatch(/open-days: a round open 10 days would overlap/);
    expect(await page.locator("#series li.series").allTextContents()).toHaveLength(2);
    await page.close();
  });
});
