// A burst of 1000 events in one task (the requests-per-page benchmark), in real Chromium with the
// default UMD: every event must arrive, none twice, even though the burst is four times larger
// than the 64 kB that keepalive requests may have in flight, and larger than any one request.
// The page and the endpoint are on two origins (two servers), as a shop and insights.algolia.io are.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/helpers/chromium.js';
import { SIGHTLINE_UMD, SNIPPET } from './helpers/browser-pages.js';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

let browser: Browser;
let site: CaptureServer;
let endpoint: CaptureServer;

beforeAll(async () => {
  [site, endpoint] = await Promise.all([startCaptureServer(), startCaptureServer()]);
  site.pages.set('/lib/insights.js', ['text/javascript', readFileSync(SIGHTLINE_UMD, 'utf8')]);
  site.pages.set(
    '/shop.html',
    [
      'text/html',
      `<!doctype html><html><head><script>${SNIPPET}</script><script src="/lib/insights.js"></script></head><body>shop</body></html>`,
    ],
  );
  site.pages.set('/away.html', ['text/html', '<!doctype html><p>elsewhere</p>']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), endpoint?.close()]);
});

/** Event IDs received by the endpoint for one user token, in arrival order (duplicates kept). */
const received = (userToken: string) =>
  endpoint.requests.flatMap((request) =>
    ((request.body as { events?: { userToken?: string; eventID: string }[] })?.events ?? [])
      .filter((event) => event.userToken === userToken)
      .map((event) => event.eventID),
  );

/**
 * Waits until the endpoint has had no new request for a while (how the benchmark decides the page
 * is done). A wait, not an assertion: nothing here checks how fast anything went.
 */
async function settle(): Promise<void> {
  let seen = -1;
  let quietPolls = 0;
  while (quietPolls < 5) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (endpoint.requests.length === seen) quietPolls++;
    else [seen, quietPolls] = [endpoint.requests.length, 0];
  }
}

const init = (page: Page, userToken: string) =>
  page.evaluate(
    ({ host, userToken }) =>
      (window as unknown as { aa: (...args: unknown[]) => void }).aa('init', {
        appId: 'APP',
        apiKey: 'KEY',
        host,
        userToken,
      }),
    { host: endpoint.url, userToken },
  );

describe('a burst of 1000 events (default UMD, Chromium)', () => {
  it('delivers every event exactly once across leaving the page and coming back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/shop.html`);
    await init(page, 'burst-user');
    await page.evaluate(() => {
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
    await settle();
    await page.goto(`${site.url}/away.html`);
    await settle();
    // The visitor comes back: whatever the first page could not confirm is resent now.
    await page.goto(`${site.url}/shop.html`);
    await init(page, 'burst-user');
    await settle();
    await page.goto(`${site.url}/away.html`);
    await settle();
    const ids = received('burst-user');
    expect(new Set(ids).size).toBe(1000);
    expect(ids.length).toBe(1000);
    await context.close();
  });
});
