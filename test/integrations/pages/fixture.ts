// What every test page shares: the config the fixture server inlines, and the page's `aa`.
import type { InsightsClient } from '@sightline/insights';
import type { PageConfig } from '../helpers/fixture-server.js';

/** The config the fixture server wrote into the page as `window.FIXTURE`. */
export const fixture = (window as unknown as { FIXTURE: PageConfig }).FIXTURE;

/** The loading snippet's `window.aa` (the queueing stub until the UMD has run, and after). */
export function snippetClient(): InsightsClient {
  return (window as unknown as { aa: InsightsClient }).aa;
}

/** Initialises a client for the collector, the same call whichever build it is. */
export function initClient(aa: InsightsClient): void {
  aa('init', {
    appId: fixture.appId,
    apiKey: fixture.apiKey,
    host: fixture.collectorUrl,
    useCookie: fixture.useCookie,
  });
}

/** A search client of algoliasearch v5 (lite) pointed at the fixture server's fake Search API. */
export function searchHost() {
  return [{ url: window.location.host, protocol: 'http' as const, accept: 'read' as const }];
}

/** Exposes values for the test to read with `page.evaluate`. */
export function expose(values: Record<string, unknown>): void {
  const target = window as unknown as { PAGE?: Record<string, unknown> };
  target.PAGE = { ...target.PAGE, ...values };
}
