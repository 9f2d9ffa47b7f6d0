import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import { seriousViolations } from "../helpers/axe";
import { buildAttributeOrg, serveAttributeOrg } from "../helpers/attribute-org";
import { launchBrowser, signInByLink } from "../helpers/browser";

const SCREENSHOTS = process.env.PULSEN_SCREENSHOTS ?? null; // e.g. docs/, to refresh the README's pictures

let browser: Browser;
let server: RunningServer;
let org: ReturnType<typeof buildAttributeOrg>;
beforeAll(async () => {
  org = buildAttributeOrg();
  [browser, server] = await Promise.all([launchBrowser(), serveAttributeOrg(org)]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

const personId = (email: string) =>
  (server.database.sqlite.prepare("select id from people where email = ?").get(email) as { id: string }).id;

describe("results by background in the dashboard", () => {
  it("show HR each value's rate and scores, hidden values without a figure, and another attribute on choosing it", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInByLink(page, `${server.url}/signin?token=${server.sessions.createLink(personId("hr@attr.example"))}`);
    await page.waitForSelector("table.attributes");
    expect(await page.textContent(".attributes-box h2")).toBe("Resultater etter bakgrunn");
    const rows = () => page.locator("table.attributes tbody tr").allTextContents();
    // full_time comes first: 10 full-timers and 5 part-timers answered, and the rep without a value: showing
    // both would leave that one person, so the smaller cell is hidden too.
    await expect
      .poll(rows)
      .toEqual([
        "deltid5Vises ikke: de andre tallene ville avslørt en mindre gruppe",
        ["heltid", "10", "10", "100 %", "75", "75", "75", "75"].join(""),
      ]);
    await page.selectOption("#attribute-name", "position_type");
    await expect.poll(rows).toEqual([
      ["Helsefagarbeider", "5", "5", "100 %", "25", "25", "25", "25"].join(""),
      "Lege1Vises ikke: for få svar",
      // Every nurse works in Org > A: its figures minus theirs would be its leader's and its rep's.
      "Sykepleier8Vises ikke: de andre tallene ville avslørt en mindre gruppe",
    ]);
    // No figure of a hidden value is in the table: the nurses' 75s never arrive.
    expect(await page.textContent("table.attributes")).not.toContain("75");
    expect(await seriousViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.locator(".attributes-box").screenshot({ path: `${SCREENSHOTS}/attributes.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("are not offered to a leader, whose page never asks for them", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: "nb-NO" });
    const asked: string[] = [];
    page.on(
      "request",
      (r) =>
        void (r.url().includes("/api/rounds/") && r.url().includes("/attributes") ? asked.push(r.url()) : undefined),
    );
    await signInByLink(page, `${server.url}/signin?token=${server.sessions.createLink(personId("lead@attr.example"))}`);
    await page.waitForSelector("table.heatmap");
    expect(await page.locator(".attributes-box").count()).toBe(0);
    expect(asked).toEqual([]);
    await page.close();
  });
});
