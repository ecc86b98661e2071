import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type FixtureServer, startFixtureServer } from './helpers/fixture-server.js';

/** The five suggestions of "mac" (the source asks for 5 hits). */
const MAC_SUGGESTIONS = matchingProducts('mac')
  .slice(0, 5)
  .map((product) => product.objectID);

// Autocomplete with createAlgoliaInsightsPlugin over Sightline (ESM build), a source of our own
// backed by the fake Search API, sending to the real collector, in headless Chromium.
describe('Autocomplete with the Algolia Insights plugin, against the collector', { timeout: 60_000 }, () => {
  let collector: TestCollector;
  let server: FixtureServer;
  let browser: Browser;

  beforeAll(async () => {
    collector = await startTestCollector();
    server = await startFixtureServer();
    browser = await launchChromium();
    // Bundle once up front, so the tests' own time is the browser's.
    await Promise.all([bundlePage('autocomplete-esm')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await collector?.close();
  });

  it('typing stores "Items Viewed"; selecting the 2nd suggestion stores a click with its queryID, position and algoliaSource', async () => {
    const url = server.addPage('autocomplete', {
      bundle: 'autocomplete-esm',
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
      expect(
        await page.evaluate(
          () =>
            (window as unknown as { PAGE: { versionSeenByAutocomplete: string } }).PAGE
              .versionSeenByAutocomplete,
        ),
      ).toBe('2.18.0');
      await page.fill('.aa-Input', 'mac');
      await page.waitForFunction(
        (ids) =>
          [...document.querySelectorAll('.aa-Item .suggestion')]
            .map((el) => el.getAttribute('data-object-id'))
            .join() === ids,
        MAC_SUGGESTIONS.join(),
      );
      const token = await pageUserToken(page);
      expect(token).toMatch(/^anonymous-[0-9a-f-]{36}$/);
      expect(await algoliaCookie(page)).toBe(token);

      // The plugin's search parameters reached our source: every search of "mac" asked for a
      // queryID, with the client's token.
      const macSearches = server.searches.filter((search) => search.query === 'mac');
      expect(macSearches.length).toBeGreaterThan(0);
      for (const search of macSearches)
        expect(search).toMatchObject({ clickAnalytics: true, userToken: token });
      const shownQueryID = macSearches.at(-1)!.queryID;

      // The view is debounced (400 ms) after the items settle: wait for it before selecting.
      const [view] = await collector
        .waitFor((all) =>
          all.some(
            (entry) => payloadOf(entry).eventName === 'Items Viewed' && payloadOf(entry).userToken === token,
          ),
        )
        .then((all) => all.filter((entry) => payloadOf(entry).eventName === 'Items Viewed'));
      expect(view).toMatchObject({ accepted: true, status: 200, errors: [] });
      expect(withoutDeliveryStamps(view!)).toEqual({
        eventType: 'view',
        eventName: 'Items Viewed',
        index: 'products',
        objectIDs: MAC_SUGGESTIONS,
        algoliaSource: ['autocomplete', 'autocomplete-internal'],
        userToken: token,
      });
      await screenshot(page, 'integrations-autocomplete-suggestions');

      await page.click(`.aa-Item .suggestion[data-object-id="${MAC_SUGGESTIONS[1]}"]`);
      const [click] = await collector
        .waitFor((all) => all.some((entry) => payloadOf(entry).eventName === 'Item Selected'))
        .then((all) => all.filter((entry) => payloadOf(entry).eventName === 'Item Selected'));
      expect(click).toMatchObject({ accepted: true, status: 200, errors: [] });
      // algoliaSource is no Insights API field: it must reach the store as sent.
      expect(withoutDeliveryStamps(click!)).toEqual({
        eventType: 'click',
        eventName: 'Item Selected',
        index: 'products',
        queryID: shownQueryID,
        objectIDs: [MAC_SUGGESTIONS[1]],
        positions: [2],
        algoliaSource: ['autocomplete', 'autocomplete-internal'],
        userToken: token,
      });
      expect(click!.headers.agent).toContain('insights-plugin');
      expect(click!.headers.agent).toContain('insights-js-browser-esm');
      await screenshot(page, 'integrations-autocomplete-selected');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
