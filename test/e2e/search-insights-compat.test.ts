import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { waitForToken } from './helpers/browser.js';
import { payload, waitForEntry } from './helpers/feed.js';
import { type Stack, startStack } from './helpers/stack.js';

const ORIGINAL_UMD = fileURLToPath(
  new URL('../../node_modules/search-insights/dist/search-insights.min.js', import.meta.url),
);

// The collector is a drop-in Insights API: Algolia's own client, pointed at it with `host`,
// gets its beacons accepted. The demo shop serves that UMD instead of Sightline's.
describe("Algolia's search-insights UMD against the collector, in Chromium", () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ clientScript: ORIGINAL_UMD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a click sent by sendBeacon (text/plain, credentials in the query string) is accepted', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const beacons: { type: string; contentType: string | undefined; url: string }[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${stack.collector.url}/1/events`)) {
        beacons.push({
          type: request.resourceType(),
          contentType: request.headers()['content-type'],
          url: request.url(),
        });
      }
    });
    await page.goto(`${stack.demo.url}/search?q=macbook`);
    const token = await waitForToken(page);
    expect(
      await page.evaluate(
        () => (window as unknown as { AlgoliaAnalytics: { version?: string } }).AlgoliaAnalytics,
      ),
    ).toBeDefined();
    await page.locator('.hit a').first().click();

    const click = await waitForEntry(stack, { eventType: 'click' });
    expect(click.accepted).toBe(true);
    expect(click.status).toBe(200);
    expect(payload(click)).toMatchObject({ eventName: 'Product Clicked', userToken: token, positions: [1] });
    expect(click.headers.agent).toMatch(/^insights-js \(2\.17\.3\)/);
    expect(beacons[0]).toMatchObject({ type: 'ping', contentType: 'text/plain;charset=UTF-8' });
    expect(beacons[0]!.url).toContain(`X-Algolia-Application-Id=${stack.appId}`);
  });
});
