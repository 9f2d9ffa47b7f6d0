import type { Locator, Page } from "playwright-core";

/** Moves focus with Tab, as a keyboard user does, until `target` has it; fails when Tab never gets there. */
async function tabTo(page: Page, target: Locator, max = 300): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs to a control and presses it with Enter: no mouse anywhere. */
export async function pressWithKeyboard(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}
