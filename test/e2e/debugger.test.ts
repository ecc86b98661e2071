import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { collectPageErrors, screenshot, waitForToken } from './helpers/browser.js';
import { waitForEntry } from './helpers/feed.js';
import { type Stack, startStack } from './helpers/stack.js';
import { caseTransformedTexts, UPPER_CASED_LABELS } from './helpers/text-transform.js';

// The dashboard's events debugger, served by the collector, watching the demo shop's events.
describe('events debugger, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let shop: Page;
  let dashboard: Page;
  let dashboardErrors: string[];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(10_000);
    shop = await context.newPage();
    await shop.goto(`${stack.demo.url}/search?q=headphones`);
    await waitForToken(shop);
    dashboard = await context.newPage();
    dashboardErrors = collectPageErrors(dashboard);
    const fragment = new URLSearchParams({ appId: stack.appId, apiKey: stack.adminKey });
    await dashboard.goto(`${stack.collector.url}/dashboard/#${fragment}`);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in from the URL fragment, then strips the key from the address bar', async () => {
    await dashboard.waitForSelector('#app-id');
    expect(await dashboard.textContent('#app-id')).toBe(stack.appId);
    expect(dashboard.url()).not.toContain(stack.adminKey);
    expect(dashboard.url()).toBe(`${stack.collector.url}/dashboard/#/debugger`);
    // A reload keeps the session (sessionStorage), without the fragment.
    await dashboard.reload();
    await dashboard.waitForSelector('#app-id');
  });

  it('shows a click from the shop while you watch, with its columns and detail', async () => {
    await shop.locator('.hit a').first().click();
    const stored = await waitForEntry(stack, { eventType: 'click' });
    const row = dashboard.locator(`tr[data-entry-id="${stored.id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('Accepted200');
    expect(cells.slice(2, 6)).toEqual([
      'click',
      'Product Clicked',
      'demo_products',
      (stored.event as { userToken: string }).userToken,
    ]);
    expect(stored.headers.agent).toMatch(/^insights-js \(/);
    expect(cells[6]).toBe(''); // no reason: accepted
    expect(cells[7]).toBe(stored.headers.agent!.split(';')[0]);
    expect(cells[8]).toBe('desktop');

    await row.click();
    const detail = dashboard.locator('#detail');
    await detail.waitFor();
    const shown = JSON.parse((await detail.locator('.payload').textContent())!);
    expect(shown).toEqual(stored.event);
    expect(await detail.textContent()).toContain(`${stack.demo.url}/`); // the Referer header
    await screenshot(dashboard, 'debugger-accepted');
  });

  it('shows a rejected event with the reason and the fix', async () => {
    // A bad eventName (more than 64 characters), sent by the client on the shop page.
    await shop.evaluate(() =>
      window.aa('clickedObjectIDs', {
        eventName: 'x'.repeat(70),
        index: 'demo_products',
        objectIDs: ['lg-cooktop'],
      }),
    );
    const stored = await waitForEntry(stack, { status: 'rejected' });
    expect(stored.errors[0]?.code).toBe('EVENT_NAME_INVALID');
    const row = dashboard.locator(`tr[data-entry-id="${stored.id}"]`);
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe('Rejected422');
    const reason = await row.locator('td.reason').textContent();
    expect(reason).toBe(`${stored.errors[0]!.message} Fix: ${stored.errors[0]!.fix}`);

    await row.click();
    const issues = dashboard.locator('#detail .issues');
    await issues.waitFor();
    expect(await issues.textContent()).toContain('EVENT_NAME_INVALID');
    // CSS upper-cases labels only: no token, index or field of the rows and the detail.
    await dashboard.locator('#detail .timeline li').first().waitFor();
    const transformed = await caseTransformedTexts(dashboard);
    expect(transformed.filter((text) => !UPPER_CASED_LABELS.includes(text))).toEqual([]);
    await screenshot(dashboard, 'debugger-rejected');
  });

  it('filters by status, event type, and the start of the index and user token', async () => {
    const rowsWhere = (selector: string, column: number, text: string) =>
      dashboard.waitForFunction(
        ([sel, col, txt]) => {
          const rows = [...document.querySelectorAll<HTMLTableRowElement>(sel as string)];
          return rows.length > 0 && rows.every((r) => r.cells[col as number]?.textContent === txt);
        },
        [selector, column, text] as const,
      );
    await dashboard.selectOption('select[name=status]', 'rejected');
    await rowsWhere('tr[data-entry-id]', 0, 'Rejected422');
    await dashboard.selectOption('select[name=status]', '');
    await dashboard.selectOption('select[name=eventType]', 'view');
    await rowsWhere('tr[data-entry-id]', 2, 'view');
    await dashboard.selectOption('select[name=eventType]', '');
    await dashboard.fill('input[name=userToken]', 'nobody-has-this-token');
    // The text field is debounced: wait for the filtered answer, not the list emptied by the last select.
    await dashboard.waitForFunction(
      () =>
        document.querySelectorAll('tr[data-entry-id]').length === 0 &&
        !document.querySelector<HTMLElement>('.empty')!.hidden &&
        document.querySelector('.empty')!.textContent!.includes('match the start of the value'),
    );
    expect(await dashboard.textContent('.empty')).toMatch(/match the start of the value, case-sensitive/);

    // Index and user token match the start: part of the shop's token, and of the index, find its rows.
    const token = await waitForToken(shop);
    expect(await dashboard.getAttribute('input[name=userToken]', 'placeholder')).toBe(
      'User token starts with…',
    );
    expect(await dashboard.getAttribute('input[name=index]', 'placeholder')).toBe('Index starts with…');
    await dashboard.fill('input[name=userToken]', token.slice(0, 'anonymous-'.length + 4));
    await rowsWhere('tr[data-entry-id]', 5, token);
    await dashboard.fill('input[name=index]', 'demo_');
    await rowsWhere('tr[data-entry-id]', 4, 'demo_products');
    await screenshot(dashboard, 'debugger-prefix-filters');
    // Case-sensitive, from the start only.
    await dashboard.fill('input[name=userToken]', token.slice(1));
    await dashboard.waitForFunction(() => document.querySelectorAll('tr[data-entry-id]').length === 0);
    await dashboard.fill('input[name=index]', '');
    await dashboard.fill('input[name=userToken]', '');
    await dashboard.waitForFunction(() => document.querySelectorAll('tr[data-entry-id]').length >= 3);
    expect(dashboardErrors).toEqual([]);
  });

  it('asks for credentials when there are none, and refuses a search-only key', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.collector.url}/dashboard/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.fill('input[name=appId]', stack.appId);
    await page.fill('input[name=apiKey]', stack.searchKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('.problem');
    expect(await page.textContent('.problem')).toContain('refused');
    await screenshot(page, 'debugger-sign-in');
    await page.fill('input[name=appId]', stack.appId);
    await page.fill('input[name=apiKey]', stack.adminKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('tr[data-entry-id]');
    await page.close();
  });
});
