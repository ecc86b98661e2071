import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { collectPageErrors, screenshot, waitForToken } from './helpers/browser.js';
import { type Stack, startStack } from './helpers/stack.js';

// What a new user saw on a phone and in the shop's side panel: layout checks in real Chromium.

/** The element and the page fit a 390 px screen: nothing sticks out or scrolls sideways. */
async function expectFitsPhone(page: Page, box: { x: number; width: number }): Promise<void> {
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

describe('layout fixes from the first-user trial, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the dashboard header wraps on a 390 px screen: Sign out stays on screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const fragment = new URLSearchParams({ appId: stack.appId, apiKey: stack.adminKey });
    await page.goto(`${stack.collector.url}/dashboard/#${fragment}`);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.waitFor();
    const box = (await signOut.boundingBox())!;
    await expectFitsPhone(page, box);
    await screenshot(page, 'dashboard-390px');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a rejected row on a 390 px screen shows its reason on screen, not a tall blank strip', async () => {
    // A refused event sent straight to the collector, as any client would.
    const sent = await fetch(`${stack.collector.url}/1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-algolia-application-id': stack.appId,
        'x-algolia-api-key': stack.searchKey,
      },
      body: JSON.stringify({
        events: [
          {
            eventType: 'view',
            eventName: 'x'.repeat(70),
            index: 'demo_products',
            userToken: 'phone-user',
            objectIDs: ['lg-cooktop'],
          },
        ],
      }),
    });
    expect(sent.status).toBe(422);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const fragment = new URLSearchParams({ appId: stack.appId, apiKey: stack.adminKey });
    await page.goto(`${stack.collector.url}/dashboard/#${fragment}`);
    const row = page.locator('tr.status-rejected').first();
    await row.waitFor();
    const reason = row.locator('td.reason');
    expect(await reason.textContent()).toMatch(/eventName.* Fix: /);
    const box = (await reason.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // The row is as tall as what it shows: its cells plus the wrapped reason, nothing blank.
    const rowBox = (await row.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(rowBox.y + rowBox.height);
    expect(rowBox.height - box.height).toBeLessThan(80);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'debugger-390px-rejected');

    // The detail opens below the rows, in the screen's width.
    await row.click();
    const detail = page.locator('#detail');
    await detail.locator('.issues').waitFor();
    const detailBox = (await detail.boundingBox())!;
    await expectFitsPhone(page, detailBox);
    await screenshot(page, 'debugger-390px-detail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the demo links its footer to the dashboard, shows category tiles, and wraps panel prose between words', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${stack.demo.url}/search?q=headphones`);
    await waitForToken(page);
    expect(await page.getAttribute('#dashboard-link', 'href')).toBe(`${stack.collector.url}/dashboard/`);

    await page.locator('.hit .tile').first().waitFor();
    const labels = await page.locator('.hit .tile .tile-label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    const { hits } = (await (await fetch(`${stack.demo.url}/api/search?q=headphones`)).json()) as {
      hits: { brand: string; categories: string[] }[];
    };
    expect(await page.locator('.hit .tile .tile-brand').first().textContent()).toBe(hits[0]!.brand);
    expect(labels[0]).toBe(hits[0]!.categories.at(-1)!.replace(/^All /, ''));

    await page.locator('.hit a').first().click();
    const detail = page.locator('#activity li span:not(.method)').first();
    await detail.waitFor();
    const style = await detail.evaluate((el) => {
      const s = getComputedStyle(el);
      return { wordBreak: s.wordBreak, overflowWrap: s.overflowWrap };
    });
    expect(style).toEqual({ wordBreak: 'normal', overflowWrap: 'break-word' });
    const token = await page.locator('#user-token').evaluate((el) => getComputedStyle(el).overflowWrap);
    expect(token).toBe('anywhere');
    await screenshot(page, 'demo-tiles-and-panel');
    await context.close();
  });
});
