import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** test-results/screenshots/ at the repository root (gitignored). */
export const SCREENSHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

/** Saves a full-page screenshot for people to look at; tests never compare pixels. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors, so a test can assert that the page never broke. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Reads the client's current token through the snippet stub (which returns nothing itself). */
export function currentUserToken(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve) => {
        window.aa('getUserToken', null, (_error: unknown, token: string | undefined) => resolve(token));
      }),
  );
}

/** Resolves once the Insights client has loaded and reported a user token to the page. */
export async function waitForToken(page: Page): Promise<string> {
  await page.waitForFunction(() =>
    document.getElementById('user-token')?.textContent?.startsWith('anonymous-'),
  );
  return (await page.textContent('#user-token'))!;
}
