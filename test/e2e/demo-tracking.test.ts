import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { collectPageErrors, currentUserToken, screenshot, waitForToken } from './helpers/browser.js';
import { payload, waitForEntry } from './helpers/feed.js';
import { type Stack, startStack } from './helpers/stack.js';

// The demo shop with the Sightline UMD, loaded by the standard snippet, against a real collector.
describe('demo shop → collector, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Fail on the step that hangs, well before the test timeout.
    context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('search, click a result: the click reaches the collector with the _ALGOLIA token, queryID and absolute position', async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${stack.demo.url}/`);
    const token = await waitForToken(page);
    await page.fill('#search-input', 'iphone');
    await page.press('#search-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('iphone'));
    const queryID = (await page.textContent('#query-id'))!;
    expect(queryID).toMatch(/^[0-9a-f]{32}$/);
    await screenshot(page, 'demo-search-results');

    const second = page.locator('.hit').nth(1);
    const objectID = await second.getAttribute('data-object-id');
    await second.locator('a').click();
    await page.waitForSelector('#add-to-cart');

    const cookie = (await context.cookies(stack.demo.url)).find((c) => c.name === '_ALGOLIA');
    expect(cookie?.value).toBe(token);
    const click = await waitForEntry(stack, { eventType: 'click' });
    expect(click.accepted).toBe(true);
    expect(click.status).toBe(200);
    expect(payload(click)).toMatchObject({
      eventName: 'Product Clicked',
      index: 'demo_products',
      userToken: decodeURIComponent(cookie!.value),
      queryID,
      objectIDs: [objectID],
      positions: [2],
    });
    // The search backend reported the same search, for the same user, so analytics can join them.
    const searches = await stack.collector.store.listSearches(stack.appId, { limit: 10 });
    expect(searches).toContainEqual(expect.objectContaining({ queryID, query: 'iphone', userToken: token }));
    expect(errors).toEqual([]);
  });

  it('product view, add to cart and purchase carry the search queryID per item', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.demo.url}/search?q=cooktop`);
    await waitForToken(page);
    await page.waitForSelector('.hit');
    const queryID = (await page.textContent('#query-id'))!;
    await page.locator('.hit a').first().click();
    await page.fill('#quantity', '2');
    await page.click('#add-to-cart');
    await screenshot(page, 'demo-product');
    await page.click('.cart-link');
    await page.waitForSelector('#purchase');
    await screenshot(page, 'demo-cart');
    await page.click('#purchase');
    await page.waitForSelector('#order-done');

    const view = await waitForEntry(stack, { eventType: 'view' });
    expect(payload(view)).toMatchObject({ eventName: 'Product Viewed', index: 'demo_products' });
    const cart = await waitForEntry(
      stack,
      { eventType: 'conversion' },
      (e) => payload(e).eventSubtype === 'addToCart',
    );
    expect(cart.accepted).toBe(true);
    expect(payload(cart)).toMatchObject({
      queryID,
      currency: 'USD',
      objectData: [expect.objectContaining({ quantity: 2, queryID })],
    });
    const purchase = await waitForEntry(
      stack,
      { eventType: 'conversion' },
      (e) => payload(e).eventSubtype === 'purchase',
    );
    expect(purchase.accepted).toBe(true);
    const [item] = payload(purchase).objectData as { price: number; quantity: number; queryID: string }[];
    expect(item).toMatchObject({ quantity: 2, queryID });
    expect(payload(purchase).value).toBeCloseTo(item!.price * 2, 2);
  });

  it('a reload reuses the same anonymous token (cookie)', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.demo.url}/`);
    const before = await waitForToken(page);
    await page.reload();
    expect(await waitForToken(page)).toBe(before);
    expect(await currentUserToken(page)).toBe(before);
  });

  it("aa('setAnonymousUserToken', true) writes no cookie and makes a new token on every call", async () => {
    const fresh = await browser.newContext();
    try {
      const page = await fresh.newPage();
      await page.goto(`${stack.demo.url}/cart`);
      await waitForToken(page);
      await fresh.clearCookies();
      const tokens: (string | undefined)[] = [];
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => window.aa('setAnonymousUserToken', true));
        tokens.push(await currentUserToken(page));
      }
      expect(tokens[0]).toMatch(/^anonymous-[0-9a-f-]{36}$/);
      expect(tokens[1]).toMatch(/^anonymous-[0-9a-f-]{36}$/);
      expect(tokens[1]).not.toBe(tokens[0]);
      expect(await fresh.cookies(stack.demo.url)).toEqual([]);
      // The page shows the token the events now carry.
      await page.waitForFunction((t) => document.getElementById('user-token')?.textContent === t, tokens[1]);
    } finally {
      await fresh.close();
    }
  });
});
