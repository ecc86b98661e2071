// Reliable delivery end to end: the default UMD in real Chromium, the real collector (SQLite in a
// temp dir) behind a fault-injecting proxy on 127.0.0.1. The page is served by the proxy, so the
// client's requests are same-origin and every one of them passes through the faults.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../../collector/src/index.js';
import { SIGHTLINE_DEV_UMD, SNIPPET } from './helpers/browser-pages.js';
import { type DeliveryRig, startDeliveryRig } from './helpers/delivery-rig.js';
import type { FaultProxy } from './helpers/fault-proxy.js';

let rig: DeliveryRig;
let browser: Browser;
let collector: RunningCollector;
let proxy: FaultProxy;
let credentials: DeliveryRig['credentials'];

beforeAll(async () => {
  rig = await startDeliveryRig('delivery');
  ({ browser, collector, proxy, credentials } = rig);
  proxy.pages.set('/lib/insights.dev.js', ['text/javascript', readFileSync(SIGHTLINE_DEV_UMD, 'utf8')]);
});
afterAll(async () => {
  await rig?.close();
});

beforeEach(() => {
  proxy.faults = [];
  proxy.applied = [];
});

/** A page with the loading snippet, `init` queued before the library, and the default (or dev) UMD. */
function servePage(
  path: string,
  userToken: string | undefined,
  body = '',
  { init = {}, script = '/lib/insights.js' }: { init?: object; script?: string } = {},
) {
  const options = JSON.stringify({
    appId: credentials.appId,
    apiKey: credentials.searchKey,
    host: proxy.url,
    userToken,
    ...init,
  });
  proxy.pages.set(path, [
    'text/html',
    `<!doctype html><html><head><script>${SNIPPET}\naa('init', ${options});</script>` +
      `<script src="${script}"></script></head><body>${body}</body></html>`,
  ]);
}

/**
 * Calls a command on the page's client (`AlgoliaAnalytics.default`: the snippet's `aa` stub
 * returns nothing); a Promise result is awaited.
 */
const call = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    ({ name, args }) =>
      (window as unknown as { AlgoliaAnalytics: { default: Record<string, (...a: unknown[]) => unknown> } })
        .AlgoliaAnalytics.default[name]!(...args),
    { name, args },
  ) as Promise<unknown>;

const click = (eventName: string) => ({ eventName, index: 'products', objectIDs: ['1'] });

/** Accepted events of a user token, as the collector stored them. */
async function stored(userToken: string): Promise<{ eventName: string; eventID?: string }[]> {
  const response = await fetch(
    `${collector.url}/api/events?status=accepted&userToken=${userToken}&limit=1000`,
    {
      headers: { 'x-algolia-application-id': credentials.appId, 'x-algolia-api-key': credentials.adminKey },
    },
  );
  const { entries } = (await response.json()) as {
    entries: { event: { eventName: string; eventID?: string } }[];
  };
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
      const outbox = page && (await outboxOf(page));
      throw new Error(
        `stored ${events.length}/${count}: ${events.map((e) => e.eventName).join(',')}; faults ${proxy.applied.join(',')}; outbox ${outbox}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issues `names` as click events, one call per task (so several batches). Resolves once every call
 * was made, not when they are delivered.
 */
const issue = (page: Page, names: string[]) =>
  page.evaluate(
    (names) =>
      new Promise<void>((resolve) => {
        const aa = (window as unknown as { aa: (...args: unknown[]) => unknown }).aa;
        names.forEach((eventName, i) => {
          setTimeout(() => {
            aa('clickedObjectIDs', { eventName, index: 'products', objectIDs: [`o${i}`] });
            if (i === names.length - 1) resolve();
          }, i);
        });
      }),
    names,
  );

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Every outbox entry of the origin (one per open page, plus the shared one), joined. */
const outboxOf = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('sightline-outbox'))
      .map((key) => localStorage.getItem(key))
      .join('\n'),
  );

describe('reliable delivery (Chromium → fault proxy → collector)', () => {
  it('N events issued across faults and a page reload → exactly N stored, none twice', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    servePage('/shop.html', 'e2e-faults');
    await page.goto(`${proxy.url}/shop.html`);
    // Every kind of fault, with answers lost after the collector stored the events (resends must
    // be deduplicated), then requests held long enough for the reload to catch some in flight.
    proxy.faults = [
      '500',
      'lose-answer',
      '429',
      'drop',
      'reset',
      'delay',
      '503',
      'lose-answer',
      'delay',
      'delay',
    ];
    await issue(page, names('first-', 12));
    // Reload while batches are failing or held: what is unconfirmed stays in the outbox and the
    // next page load resends it.
    await page.reload();
    proxy.faults.unshift('lose-answer', 'drop');
    await issue(page, names('second-', 8));
    const events = await waitForStored('e2e-faults', 20, page);
    // Let every retry settle, then count again: nothing may arrive twice.
    for (let polls = 0; await outboxOf(page); polls++) {
      if (polls > 200) throw new Error(`outbox never emptied; faults ${proxy.applied.join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const final = await stored('e2e-faults');
    expect(final.map((e) => e.eventName).sort()).toEqual(
      [...names('first-', 12), ...names('second-', 8)].sort(),
    );
    expect(new Set(final.map((e) => e.eventID)).size).toBe(20);
    expect(events.length).toBe(20);
    expect(proxy.applied).toEqual(expect.arrayContaining(['lose-answer', 'drop', 'reset', '429', '500']));
    await context.close();
  });

  it('two tabs never overwrite each other; what a closed tab left is resent by the next page', async () => {
    const context = await browser.newContext();
    const [tabA, tabB] = [await context.newPage(), await context.newPage()];
    servePage('/tabs.html', 'e2e-tabs');
    proxy.pages.set('/elsewhere.html', ['text/html', '<!doctype html><p>elsewhere</p>']);
    await tabA.goto(`${proxy.url}/tabs.html`);
    await tabB.goto(`${proxy.url}/tabs.html`);
    // Every request fails for a while: both tabs keep their events in the outbox and retry.
    proxy.faults = Array(60).fill('503');
    await issue(tabA, names('tab-a-', 5));
    await issue(tabB, names('tab-b-', 5));
    await tabA.waitForFunction(
      () => {
        const all = Object.keys(localStorage)
          .map((key) => localStorage.getItem(key))
          .join();
        return all.includes('tab-a-4') && all.includes('tab-b-4');
      },
      undefined,
      { timeout: 10_000 },
    );
    // Tab A leaves (pagehide marks its entry closed) while its events are still unconfirmed.
    await tabA.goto(`${proxy.url}/elsewhere.html`);
    proxy.faults = [];
    // A new page takes over what tab A left; tab B, still open, delivers its own.
    const tabC = await context.newPage();
    await tabC.goto(`${proxy.url}/tabs.html`);
    await waitForStored('e2e-tabs', 10, tabC);
    for (let polls = 0; await outboxOf(tabC); polls++) {
      if (polls > 300) throw new Error(`outbox never emptied: ${await outboxOf(tabC)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const final = await stored('e2e-tabs');
    expect(final.map((e) => e.eventName).sort()).toEqual(
      [...names('tab-a-', 5), ...names('tab-b-', 5)].sort(),
    );
    expect(new Set(final.map((e) => e.eventID)).size).toBe(10);
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

  it('opting out at any time stops sending and removes the cookie, the outbox and remembered queries', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    servePage('/optout.html', undefined, '', { init: { useCookie: true } });
    await page.goto(`${proxy.url}/optout.html`);
    await call(page, 'clickedObjectIDsAfterSearch', {
      ...click('Remembered'),
      queryID: '0123456789abcdef0123456789abcdef',
      positions: [1],
    });
    // The next event keeps failing: it is being retried and sits in the outbox.
    proxy.faults = ['503', '503', '503', '503', '503'];
    const pending = call(page, 'clickedObjectIDs', click('Retried'));
    await page.waitForFunction(() =>
      Object.keys(localStorage).some((key) => localStorage.getItem(key)?.includes('Retried')),
    );
    await call(page, 'init', { partial: true, userHasOptedOut: true });
    expect(await pending).toBe(false);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await call(page, 'clickedObjectIDs', click('After opt-out'))).toBe(false);
    await context.close();
  });

  it('Global Privacy Control opts out when honorGlobalPrivacyControl is set, and only then', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    const page = await context.newPage();
    servePage('/gpc.html', 'e2e-gpc', '', { init: { useCookie: true, honorGlobalPrivacyControl: true } });
    await page.goto(`${proxy.url}/gpc.html`);
    expect(await call(page, 'clickedObjectIDs', click('GPC'))).toBe(false);
    expect(await context.cookies()).toEqual([]);
    await call(page, 'init', { partial: true, honorGlobalPrivacyControl: false });
    expect(await call(page, 'clickedObjectIDs', click('No GPC'))).toBe(true);
    expect((await stored('e2e-gpc')).map((e) => e.eventName)).toEqual(['No GPC']);
    await context.close();
  });

  it('a consent grant promotes the in-memory anonymous token to the cookie, with SameSite and domain', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    servePage('/consent.html', undefined);
    await page.goto(`${proxy.url}/consent.html`);
    expect(await call(page, 'clickedObjectIDs', click('Before consent'))).toBe(true);
    const token = await call(page, 'getUserToken');
    expect(token).toMatch(/^anonymous-/);
    expect(await context.cookies()).toEqual([]);
    await call(page, 'init', {
      partial: true,
      useCookie: true,
      cookieSameSite: 'Strict',
      cookieDomain: '127.0.0.1',
    });
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '_ALGOLIA', value: token, sameSite: 'Strict', domain: '127.0.0.1' });
    await context.close();
  });

  it('dev build: an event that breaks an API rule is refused locally with the rule and never sent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    servePage('/dev.html', 'e2e-dev', '', { script: '/lib/insights.dev.js' });
    await page.goto(`${proxy.url}/dev.html`);
    const tooLong = { eventType: 'click', ...click('x'.repeat(65)) };
    const valid = { eventType: 'click', ...click('Valid') };
    expect(await call(page, 'sendEvents', [tooLong, valid])).toBe(false);
    expect(await call(page, 'sendEvents', [tooLong])).toBe(false);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/eventName/);
    await waitForStored('e2e-dev', 1, page);
    expect((await stored('e2e-dev')).map((e) => e.eventName)).toEqual(['Valid']);
    await context.close();
  });
});
