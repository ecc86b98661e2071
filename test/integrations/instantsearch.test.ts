import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../../packages/collector/src/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { algoliaCookie, openPage, pageUserToken, screenshot } from './helpers/browser-page.js';
import { bundlePage } from './helpers/bundle-page.js';
import { matchingProducts } from './helpers/catalog.js';
import {
  payloadOf,
  startTestCollector,
  type TestCollector,
  withoutDeliveryStamps,
} from './helpers/collector.js';
import { type FixtureServer, type PageSpec, startFixtureServer } from './helpers/fixture-server.js';

/** The Search API's default page size is 20 (InstantSearch sets none); the data has more products. */
const FIRST_PAGE = matchingProducts('')
  .slice(0, 20)
  .map((product) => product.objectID);
const MAC_HITS = matchingProducts('mac')
  .slice(0, 20)
  .map((product) => product.objectID);

/** What one storefront session left behind: in the page, in the search engine, in the collector. */
interface Session {
  token: string;
  cookie: string | undefined;
  versionSeenByInstantSearch: string | null;
  /** The queryID the engine minted for the "mac" search the click and conversion follow. */
  macQueryID: string | undefined;
  searchTokens: (string | undefined)[];
  entries: DebuggerEntry[];
  errors: string[];
}

// InstantSearch.js (searchBox + hits, insights on) over a real search client pointed at a fake
// Search API, sending to the real collector, in headless Chromium.
describe('InstantSearch.js with the insights middleware, against the collector', { timeout: 60_000 }, () => {
  let collector: TestCollector;
  let server: FixtureServer;
  let browser: Browser;

  beforeAll(async () => {
    collector = await startTestCollector();
    server = await startFixtureServer();
    browser = await launchChromium();
    // Bundle once up front, so the tests' own time is the browser's.
    await Promise.all([bundlePage('instantsearch-esm'), bundlePage('instantsearch-snippet')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await collector?.close();
  });

  /**
   * Opens the storefront, searches "mac", clicks the MacBook hit, buys it, and waits until the
   * collector holds InstantSearch's start event, both views, the click and the conversion.
   */
  async function runStorefront(name: string, spec: Omit<PageSpec, 'config'>): Promise<Session> {
    const url = server.addPage(name, {
      ...spec,
      config: {
        collectorUrl: collector.url,
        appId: collector.appId,
        apiKey: collector.searchKey,
        useCookie: true,
      },
    });
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(url);
      await page.locator('.product').first().waitFor();
      await page.fill('.ais-SearchBox-input', 'mac');
      // "macbook" (p2) ranks first for "mac": wait until the hits are the results of "mac".
      await page.waitForFunction(
        (ids) =>
          [...document.querySelectorAll('.product')].map((el) => el.getAttribute('data-object-id')).join() ===
          ids,
        MAC_HITS.join(),
      );
      await page.click('.product[data-object-id="p2"] .product-link');
      await page.click('.product[data-object-id="p2"] .buy');
      const token = await pageUserToken(page);
      const entries = (
        await collector.waitFor((all) => {
          const mine = all.filter((entry) => payloadOf(entry).userToken === token);
          const names = mine.map((entry) => payloadOf(entry).eventName);
          return (
            names.includes('__start__') &&
            names.filter((n) => n === 'Hits Viewed').length === 2 &&
            names.includes('Product Clicked') &&
            names.includes('Product Ordered')
          );
        })
      ).filter((entry) => payloadOf(entry).userToken === token);
      await screenshot(page, `integrations-instantsearch-${name}`);
      const searches = server.searches.filter((search) => search.userToken === token);
      return {
        token,
        cookie: await algoliaCookie(page),
        versionSeenByInstantSearch: await page.evaluate(
          () =>
            (window as unknown as { PAGE: { versionSeenByInstantSearch: string | null } }).PAGE
              .versionSeenByInstantSearch,
        ),
        macQueryID: searches.find((search) => search.query === 'mac')?.queryID,
        searchTokens: server.searches.map((search) => search.userToken),
        entries,
        errors,
      };
    } finally {
      await close();
    }
  }

  /** Asserts what every variant must store: the same five events, all tied to the client's token. */
  function expectStorefrontEvents(session: Session): void {
    expect(session.errors).toEqual([]);
    expect(session.token).toMatch(/^anonymous-[0-9a-f-]{36}$/);
    // useCookie: true: the token lives in the _ALGOLIA cookie, and InstantSearch searched with it.
    expect(session.cookie).toBe(session.token);
    expect(session.macQueryID).toMatch(/^[0-9a-f]{32}$/);
    expect(MAC_HITS[0]).toBe('p2');
    for (const entry of session.entries) {
      expect(entry, JSON.stringify(entry)).toMatchObject({ accepted: true, status: 200, errors: [] });
      expect(entry.headers.agent).toContain('insights-middleware');
    }
    const byName = (name: string) => session.entries.filter((entry) => payloadOf(entry).eventName === name);
    expect(byName('Product Clicked').map(withoutDeliveryStamps)).toEqual([
      {
        eventType: 'click',
        eventName: 'Product Clicked',
        index: 'products',
        queryID: session.macQueryID,
        objectIDs: ['p2'],
        positions: [1],
        algoliaSource: ['instantsearch'],
        userToken: session.token,
      },
    ]);
    expect(byName('Product Ordered').map(withoutDeliveryStamps)).toEqual([
      {
        eventType: 'conversion',
        eventName: 'Product Ordered',
        index: 'products',
        queryID: session.macQueryID,
        objectIDs: ['p2'],
        algoliaSource: ['instantsearch'],
        userToken: session.token,
      },
    ]);
    // The default view events: the first page of the empty query, then that of "mac".
    expect(byName('Hits Viewed').map((entry) => payloadOf(entry).objectIDs)).toEqual(
      expect.arrayContaining([FIRST_PAGE, MAC_HITS]),
    );
    for (const view of byName('Hits Viewed')) {
      expect(payloadOf(view)).toMatchObject({
        eventType: 'view',
        index: 'products',
        algoliaSource: ['instantsearch', 'instantsearch-internal'],
      });
      expect(payloadOf(view)).not.toHaveProperty('queryID');
    }
    // InstantSearch's own usage event (eventType "instantsearch"), accepted like Algolia does.
    expect(byName('__start__').map(payloadOf)).toEqual([
      expect.objectContaining({
        eventType: 'instantsearch',
        eventName: '__start__',
        userToken: session.token,
      }),
    ]);
  }

  it('Sightline bundled as ESM, passed to createInsightsMiddleware: InstantSearch treats it as modern and its events carry our token', async () => {
    const session = await runStorefront('esm', { bundle: 'instantsearch-esm' });
    expectStorefrontEvents(session);
    // >= 2.6: InstantSearch skips its own init and sends its search client's credentials per event.
    expect(session.versionSeenByInstantSearch).toBe('2.18.0');
    expect(session.entries[0]!.headers.agent).toContain('insights-js-browser-esm');
    expect(session.searchTokens).toContain(session.token);
  });

  it("a later aa('setUserToken') reaches InstantSearch through onUserTokenChange: next searches and events use it", async () => {
    const url = server.addPage('esm-set-token', {
      bundle: 'instantsearch-esm',
      config: {
        collectorUrl: collector.url,
        appId: collector.appId,
        apiKey: collector.searchKey,
        useCookie: true,
      },
    });
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(url);
      await page.locator('.product').first().waitFor();
      await page.evaluate(() =>
        (window as unknown as { PAGE: { setUserToken(token: string): void } }).PAGE.setUserToken('user-42'),
      );
      await page.fill('.ais-SearchBox-input', 'mac');
      await page.locator('.product[data-object-id="p2"]').first().waitFor();
      await page.waitForFunction(
        () => document.querySelector('.product')?.getAttribute('data-object-id') === 'p2',
      );
      await page.click('.product[data-object-id="p2"] .product-link');
      const entries = await collector.waitFor((all) =>
        all.some(
          (entry) =>
            payloadOf(entry).eventName === 'Product Clicked' && payloadOf(entry).userToken === 'user-42',
        ),
      );
      const macSearch = server.searches
        .filter((search) => search.query === 'mac' && search.userToken === 'user-42')
        .at(-1);
      expect(macSearch?.queryID).toMatch(/^[0-9a-f]{32}$/);
      const click = entries.find(
        (entry) =>
          payloadOf(entry).eventName === 'Product Clicked' && payloadOf(entry).userToken === 'user-42',
      )!;
      expect(payloadOf(click)).toMatchObject({
        eventName: 'Product Clicked',
        queryID: macSearch!.queryID,
        positions: [1],
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("Sightline's UMD loaded by the standard snippet, with `insights: true`, stores the same events", async () => {
    const session = await runStorefront('umd-sightline', {
      bundle: 'instantsearch-snippet',
      snippet: 'sightline',
    });
    expectStorefrontEvents(session);
    expect(session.entries[0]!.headers.agent).toContain('insights-js-browser-umd');
    expect(session.entries[0]!.headers.agent).toContain('sightline (0.1.0)');
    expect(session.searchTokens).toContain(session.token);
  });

  it('the oracle: search-insights 2.17.3 in the same page stores the same events, modulo tokens and agent', async () => {
    const ours = await runStorefront('oracle-sightline', {
      bundle: 'instantsearch-snippet',
      snippet: 'sightline',
    });
    const theirs = await runStorefront('oracle-search-insights', {
      bundle: 'instantsearch-snippet',
      snippet: 'search-insights',
    });
    expectStorefrontEvents(theirs);
    expect(theirs.entries[0]!.headers.agent).toMatch(/^insights-js \(2\.17\.3\)/);
    expect(normalized(ours)).toEqual(normalized(theirs));
    expect(normalized(ours)).toHaveLength(5);
  });
});

/**
 * A session's stored events without what differs by design between two runs: the user token and
 * queryIDs (random), InstantSearch's session id, clock and timing, and the `eventID`/`timestamp`
 * stamps of Sightline's reliable delivery (deliberate: they let the collector store a resent event once).
 */
function normalized(session: Session): unknown[] {
  return session.entries
    .map((entry) => {
      // InstantSearch's usage event carries its own timestamp: only drop the eventID stamp there.
      const { eventID: _stamp, ...usage } = payloadOf(entry);
      const { userToken, queryID, timestamp, sessionID, performance, ...rest } =
        usage.eventType === 'instantsearch' ? usage : withoutDeliveryStamps(entry);
      return {
        ...rest,
        userToken: userToken === session.token ? '<client token>' : userToken,
        ...(queryID === undefined
          ? {}
          : { queryID: queryID === session.macQueryID ? '<mac queryID>' : queryID }),
        ...(timestamp === undefined ? {} : { timestamp: typeof timestamp }),
        ...(sessionID === undefined ? {} : { sessionID: typeof sessionID }),
        ...(performance === undefined ? {} : { performance: Object.keys(performance as object) }),
        status: entry.status,
      };
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
