import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/src/index.js';
import { SNIPPET } from './helpers/browser-pages.js';
import { type DeliveryRig, startDeliveryRig } from './helpers/delivery-rig.js';
import type { FaultProxy } from './helpers/fault-proxy.js';

let rig: DeliveryRig;
let browser: Browser;
let collector: RunningCollector;
let proxy: FaultProxy;
let credentials: DeliveryRig['credentials'];

beforeAll(async () => {
  rig = await startDeliveryRig('burst');
  ({ browser, collector, proxy, credentials } = rig);
  proxy.pages.set('/shop.html', [
    'text/html',
    `<!doctype html><html><head><script>${SNIPPET}</script><script src="/lib/insights.js"></script></head><body>shop</body></html>`,
  ]);
  proxy.pages.set('/away.html', ['text/html', '<!doctype html><p>elsewhere</p>']);
});
afterAll(async () => {
  await rig?.close();
});

/** Every accepted event of a user token, as the collector stored them (paged, newest first). */
async function stored(userToken: string): Promise<{ eventID?: string }[]> {
  const events: { eventID?: string }[] = [];
  for (let before: number | null | undefined; before !== null; ) {
    const response = await fetch(
      `${collector.url}/api/events?status=accepted&userToken=${userToken}&limit=1000${before ? `&before=${before}` : ''}`,
      {
        headers: { 'x-algolia-application-id': credentials.appId, 'x-algolia-api-key': credentials.adminKey },
      },
    );
    const page = (await response.json()) as {
      entries: { event: { eventID?: string } }[];
      nextBefore: number | null;
    };
    events.push(...page.entries.map((entry) => entry.event));
    before = page.nextBefore;
  }
  return events;
}

/**
 * Waits until the proxy has seen no new request for half a second (how the benchmark decides a
 * page is done). A wait, not an assertion: nothing checks how fast anything went.
 */
async function settle(): Promise<void> {
  for (let seen = -1, quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (proxy.applied.length === seen) quiet++;
    else [seen, quiet] = [proxy.applied.length, 0];
  }
}

const init = (page: Page, userToken: string) =>
  page.evaluate(
    (options) => (window as unknown as { aa: (...args: unknown[]) => void }).aa('init', options),
    { appId: credentials.appId, apiKey: credentials.searchKey, host: proxy.url, userToken },
  );

/** 1000 `clickedObjectIDsAfterSearch` calls in one task. */
const burst = (page: Page) =>
  page.evaluate(() => {
    const aa = (window as unknown as { aa: (...args: unknown[]) => void }).aa;
    for (let i = 0; i < 1000; i++) {
      aa('clickedObjectIDsAfterSearch', {
        eventName: 'Product Clicked',
        index: 'demo_products',
        queryID: (i * 7919).toString(16).padStart(32, '0'),
        objectIDs: [`product-${i}`],
        positions: [(i % 40) + 1],
      });
    }
  });

describe('a burst of 1000 events (default UMD, Chromium → fault proxy → collector)', () => {
  it('stores every event exactly once, with the first request held in flight while the visitor leaves and comes back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${proxy.url}/shop.html`);
    await init(page, 'burst-user');
    // The first request stays in flight (its keepalive bytes count against the page's quota)
    // until the visitor has left: the rest of the burst must not depend on it.
    proxy.faults = ['hold'];
    await burst(page);
    await settle();
    // Everything but the held request went out and was accepted while the visitor was still here
    // (keepalive only for what fits the quota, plain fetches for the rest).
    expect((await stored('burst-user')).length).toBe(1000 - proxy.eventCounts[0]!);
    await page.goto(`${proxy.url}/away.html`);
    await settle();
    proxy.release();
    // The visitor comes back: whatever the first page could not confirm is resent now.
    await page.goto(`${proxy.url}/shop.html`);
    await init(page, 'burst-user');
    await settle();
    for (
      let polls = 0;
      await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('sightline-outbox')));
      polls++
    ) {
      if (polls > 200) throw new Error(`outbox never emptied; ${(await stored('burst-user')).length} stored`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.goto(`${proxy.url}/away.html`);
    await settle();
    const events = await stored('burst-user');
    expect(new Set(events.map((event) => event.eventID)).size).toBe(1000);
    expect(events.length).toBe(1000);
    expect(proxy.applied[0]).toBe('hold');
    await context.close();
  });
});
