import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is (or only the parts `include` selects) and returns
 * the serious and critical violations. The script goes in through the DevTools protocol, so the page's CSP stays as strict as in
 * production (no inline script is allowed, and none is added).
 */
export async function seriousViolations(page: Page, include?: string[]): Promise<AxeViolation[]> {
  // Once per document: a page that stays (the matrix switches theme and width without a reload) keeps it.
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(source);
  const results = await page.evaluate(async (include) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(...args: unknown[]): Promise<Result> } }).axe;
    // Only violations are read: axe then skips collecting the passing and incomplete nodes.
    const options = {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    };
    return include === null ? axe.run(options) : axe.run({ include }, options);
  }, include ?? null);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.flatMap((n) => n.target).slice(0, 5) }));
}

/**
 * The serious and critical violations with the browser set to light and then to dark (the page follows
 * the setting), each listed under its theme; the page is left light.
 */
export async function seriousViolationsInBothThemes(
  page: Page,
): Promise<{ light: AxeViolation[]; dark: AxeViolation[] }> {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForSelector('html[data-theme="dark"]', { state: "attached" });
  const dark = await seriousViolations(page);
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForSelector('html[data-theme="default"]', { state: "attached" });
  return { light: await seriousViolations(page), dark };
}
