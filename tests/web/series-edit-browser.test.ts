import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open";
import { createSeries } from "../../src/rounds/series";
import type { RunningServer } from "../../src/server/start";
import { seriousViolationsInBothThemes } from "../helpers/axe";
import { launchBrowser, signInByLink } from "../helpers/browser";
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

/** A loaded machine may take seconds for a refresh: poll that long, never sleep. */
const SLOW = { timeout: 10_000 };

describe("HR edits a series from the console", () => {
  it("with the keyboard: the form filled in, saved, and the new next runs in Oslo time, in Norwegian", async () => {
    const org = buildDashboardOrg();
    const setup = openDatabase(org.path);
    const window = { start: 480, end: 1020, weekdaysOnly: true };
    const base = { instrumentId: "quick-pulse", audience: "Org > B", cadence: "0 9 * * 1", openDays: 5 };
    const { id } = createSeries(setup.db, { name: "Ukepuls B", ...base, reminderDays: [2], window }, org.clock.now());
    setup.close();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    const item = page.locator("#series li.series", { hasText: "Ukepuls B" });
    await expect.poll(() => item.textContent(), SLOW).toContain("Neste runder: mandag 7. desember kl. 09:00");

    // The keyboard alone: the Edit button focused, Enter; focus lands in the form, filled in.
    await page.focus(`#edit-${id}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(":focus").getAttribute("id"), SLOW).toBe("series-edit-name");
    expect(await page.inputValue("#series-edit-name")).toBe("Ukepuls B");
    expect(await page.inputValue("#series-edit-audience")).toBe("Org > B");
    expect(await page.inputValue("#series-edit-weekday")).toBe("1");
    expect(await page.inputValue("#series-edit-time")).toBe("09:00");
    expect(await page.inputValue("#series-edit-open-days")).toBe("5");
    expect(await page.inputValue("#series-edit-reminders")).toBe("2");
    const box = item.locator(".series-edit");
    expect(await box.textContent()).toContain(
      "Endringene gjelder fra neste runde. En runde som er åpen nå, beholder innstillingene sine.",
    );
    // Norwegian only: none of the English screen's words.
    expect(await page.textContent("#series")).not.toMatch(/Edit|Save the changes|Cancel|next round/);
    // The console with the edit form open: no serious or critical WCAG 2.1 AA violation.
    expect(await seriousViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });

    // Tuesday 08:30, through the keyboard: Tab from field to field, then Enter saves.
    await page.keyboard.press("Tab"); // instrument
    await page.keyboard.press("Tab"); // audience
    await page.keyboard.press("Tab"); // how often
    await page.keyboard.press("Tab"); // weekday
    expect(await page.locator(":focus").getAttribute("id")).toBe("series-edit-weekday");
    await page.keyboard.press("ArrowDown");
    expect(await page.inputValue("#series-edit-weekday")).toBe("2");
    await page.keyboard.press("Tab"); // time: hours, then minutes
    await page.keyboard.type("0830");
    expect(await page.inputValue("#series-edit-time")).toBe("08:30");
    await page.focus("#series-edit-open-days");
    await page.keyboard.press("Enter");

    await expect
      .poll(() => page.textContent(".series-status"), SLOW)
      .toBe(
        "Endringene er lagret og gjelder fra neste runde. Neste runder: tirsdag 1. desember kl. 08:30 · " +
          "tirsdag 8. desember kl. 08:30 · tirsdag 15. desember kl. 08:30",
      );
    await expect.poll(() => item.textContent(), SLOW).toContain("Neste runder: tirsdag 1. desember kl. 08:30");
    // Focus is back on the series' Edit button, and the form is closed.
    expect(await page.locator(":focus").getAttribute("id")).toBe(`edit-${id}`);
    expect(await page.locator("#series-edit-name").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says that a schedule written with the CLI cannot be shown, and that saving replaces it", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const s = server;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    await signInByLink(page, `${s.url}/signin?token=${s.sessions.createLink(org.personId("hr@org.example"))}`);
    const item = page.locator("#series li.series", { hasText: "Engasjementspuls" });
    await item.locator("button", { hasText: "Endre" }).click();
    await expect
      .poll(() => item.locator(".series-edit .warn").textContent(), SLOW)
      .toMatch(/^Tidsplanen til denne serien ble laget på kommandolinjen og kan ikke vises i skjemaet/);
    // Cancel closes the form and gives focus back to the Edit button.
    await item.locator("button", { hasText: "Avbryt" }).click();
    expect(await item.locator(".series-edit form").count()).toBe(0);
    expect(await page.locator(":focus").textContent()).toBe("Endre");
    await page.close();
  });
});
