// Reliable delivery end to end: the default UMD in real Chromium, the real collector (SQLite in a
// temp dir) behind a fault-injecting proxy on 127.0.0.1. The page is served by the proxy, so the
// client's requests are same-origin and every one of them passes through the faults.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningCollector, startCollector } from '../../collector/src/index.js';
import { launchChromium } from '../../../test/helpers/chromium.js';
import { SIGHTLINE_UMD, SNIPPET } from './helpers/browser-pages.js';
import { type FaultProxy, startFaultProxy } from './helpers/fault-proxy.js';

let browser: Browser;
let collector: RunningCollector;
let proxy: FaultProxy;
let dir: string;
let credentials: { appId: string; searchKey: string; adminKey: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-delivery-'));
  collector = await startCollector({ port: 0, host: '127.0.0.1', dataFile: join(dir, 'events.db'), logLevel: 'silent' });
  credentials = collector.bootstrap!;
  proxy = await startFaultProxy(collector.url);
  proxy.pages.set('/lib/insights.js', ['text/javascript', readFileSync(SIGHTLINE_UMD, 'utf8')]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.faults = [];
  proxy.applied = [];
});

/** A page with the loading snippet, `init` queued before the library, and the default UMD. */
function servePage(path: string, userToken: string, body = '') {
  const init = JSON.stringify({
    appId: credentials.appId,
    apiKey: credentials.searchKey,
    host: proxy.url,
    userToken,
  });
  proxy.pages.set(path, [
    'text/html',
    `<!doctype html><html><head><script>${SNIPPET}\naa('init', ${init});</script>` +
      `<script src="/lib/insights.js"></script></head><body>${body}</body></html>`,
  ]);
}

/** Accepted events of a user token, as the collector stored them. */
async function stored(userToken: string): Promise<{ eventName: string; eventID?: string }[]> {
  const response = await fetch(`${collector.url}/api/events?status=accepted&userToken=${userToken}&limit=1000`, {
    headers: { 'x-algolia-application-id': credentials.appId, 'x-algolia-api-key': credentials.adminKey },
  });
  const { entries } = (await response.json()) as { entries: { event: { eventName: string; eventID?: string } }[] };
  return entries.map((entry) => entry.event);
}

/**
 * Waits until `count` events of `userToken` are stored. Polling only: the cap is there to fail
 * with what was stored instead of a bare timeout, not to assert a speed.
 */
async function waitForStored(userToken: string, count: number, page?: Page) {
  for (let polls = 0; ; polls++) {
    const events = await stored(userToken);
    if (events.length >= count) return events;
    if (polls > 200) {
      const outbox = await page?.evaluate(() => localStorage.getItem('sightline-outbox'));
      throw new Error(
        `stored ${events.length}/${count}: ${events.map((e) => e.eventName).join(',')}; faults ${proxy.applied.join(',')}; outbox ${outbox}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Issues `names` as click events, one call per task (so several batches), without waiting. */
const issue = (page: Page, names: string[]) =>
  page.evaluate((names) => {
    const aa = (window as unknown as { aa: (...args: unknown[]) => unknown }).aa;
    names.forEach((eventName, i) =>
      setTimeout(() => aa('clickedObjectIDs', { eventName, index: 'products', objectIDs: [`o${i}`] }), i),
    );
  }, names);

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('reliable delivery (Chromium → fault proxy → collector)', () => {
  it('N events issued across faults and a page reload → exactly N stored, none twice', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    servePage('/shop.html', 'e2e-faults');
    await page.goto(`${proxy.url}/shop.html`);
    // Every kind of fault, with answers lost after the collector stored the events (resends must
    // be deduplicated), then requests held long enough for the reload to catch some in flight.
    proxy.faults = ['500', 'lose-answer', '429', 'drop', 'reset', 'delay', '503', 'lose-answer', 'delay', 'delay'];
    await issue(page, names('first-', 12));
    // Reload while batches are failing or held: what is unconfirmed stays in the outbox and the
    // next page load resends it.
    await page.reload();
    proxy.faults.unshift('lose-answer', 'drop');
    await issue(page, names('second-', 8));
    const events = await waitForStored('e2e-faults', 20, page);
    // Let every retry settle, then count again: nothing may arrive twice.
    await page.waitForFunction(() => !localStorage.getItem('sightline-outbox'));
    const final = await stored('e2e-faults');
    expect(final.map((e) => e.eventName).sort()).toEqual([...names('first-', 12), ...names('second-', 8)].sort());
    expect(new Set(final.map((e) => e.eventID)).size).toBe(20);
    expect(events.length).toBe(20);
    expect(proxy.applied).toEqual(expect.arrayContaining(['lose-answer', 'drop', 'reset', '429', '500']));
    await context.close();
  });

  it('a click right before navigating away is still delivered', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    proxy.pages.set('/next.html', ['text/html', '<!doctype html><p>next</p>']);
    servePage(
      '/list.html',
      'e2e-navigate',
      `<a id="item" href="/next.html" onclick="aa('clickedObjectIDs', { eventName: 'Clicked then left', index: 'products', objectIDs: ['42'] })">item</a>`,
    );
    await page.goto(`${proxy.url}/list.html`);
    await Promise.all([page.waitForURL('**/next.html'), page.click('#item')]);
    const [event] = await waitForStored('e2e-navigate', 1);
    expect(event!.eventName).toBe('Clicked then left');
    await context.close();
  });
});
