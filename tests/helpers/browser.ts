import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import { type Browser, type Page, chromium as playwright } from "playwright-core";

/**
 * The browser the tests drive: CHROMIUM_PATH or a system Chromium when there
 * is one, else the Chromium that the @sparticuz/chromium package ships (so
 * `npm ci` is the whole set-up; never a test tool's own download).
 */
async function executable(): Promise<string> {
  const given = process.env.CHROMIUM_PATH;
  if (given !== undefined && given !== "") {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given}: no such file`);
    return given;
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : chromium.executablePath();
}

/**
 * Headless, with the flags this machine needs (no background networking: the
 * network is closed). Our own flags only, never the package's defaults: they
 * switch web security off, which would make every CSP and CSRF test prove nothing.
 */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await executable(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Opens a sign-in link and presses its button, as a person does (the link's GET alone signs nobody in). */
export async function signInByLink(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.click("form[action='/signin'] button")]);
}
