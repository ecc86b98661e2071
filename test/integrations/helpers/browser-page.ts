import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** test-results/screenshots/ at the repository root (gitignored). */
const SCREENSHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

/** A page in a fresh context (its own cookies), with its uncaught errors collected. */
export async function openPage(
  browser: Browser,
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

/** Saves a full-page screenshot for people to look at; tests never compare pixels. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The page's current user token, read through the page's own client. */
export function pageUserToken(page: Page): Promise<string> {
  return page.evaluate(() =>
    (window as unknown as { PAGE: { getUserToken(): unknown } }).PAGE.getUserToken(),
  ) as Promise<string>;
}

/** The value of the `_ALGOLIA` cookie the page's origin holds, if any. */
export async function algoliaCookie(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name === '_ALGOLIA')?.value;
}
