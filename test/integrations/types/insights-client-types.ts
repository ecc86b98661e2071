// Type compatibility: code written for search-insights with InstantSearch.js and Autocomplete must
// compile unchanged when `aa` is Sightline's. The root `tsc --noEmit` checks this file; nothing
// runs it (every call sits in a function no test calls).
//
// Our `InsightsMethodMap` holds exactly search-insights' commands (the extra ones live in
// `InsightsExtraMethodMap`), so `aa` is assignable to search-insights' `InsightsClient`, the type
// InstantSearch.js and Autocomplete declare `insightsClient` with: no cast needed.
import { createAlgoliaInsightsPlugin } from '@algolia/autocomplete-plugin-algolia-insights';
import aa from '@sightline/insights';
import instantsearch from 'instantsearch.js';
import {
  createInsightsMiddleware,
  type InsightsEvent as InstantSearchInsightsEvent,
} from 'instantsearch.js/es/middlewares';
import type { InsightsClient as SearchInsightsClient } from 'search-insights';
import browserAa from '../../../packages/insights/src/entry/browser.js';

type SearchClient = Parameters<typeof instantsearch>[0]['searchClient'];
type ClickPayload = InstantSearchInsightsEvent<'clickedObjectIDsAfterSearch'>['payload'];

/** Our default clients (Node entry through the root alias, browser entry by path) where the reference type is expected. */
export const nodeAsReference: SearchInsightsClient = aa;
export const browserAsReference: SearchInsightsClient = browserAa;

export function wireInstantSearch(searchClient: SearchClient): void {
  const search = instantsearch({ indexName: 'products', searchClient, insights: { insightsClient: aa } });
  const initParams = { useCookie: true };
  search.use(createInsightsMiddleware({ insightsClient: browserAa, insightsInitParams: initParams }));
  search.use(
    createInsightsMiddleware({
      insightsClient: aa,
      // InstantSearch hands the middleware's client back to onEvent: forwarding must compile.
      onEvent(event: InstantSearchInsightsEvent, client) {
        if (event.insightsMethod === 'clickedObjectIDsAfterSearch') {
          client?.('clickedObjectIDsAfterSearch', event.payload as ClickPayload);
        }
      },
    }),
  );
}

export function wireAutocomplete(): void {
  createAlgoliaInsightsPlugin({ insightsClient: aa });
  createAlgoliaInsightsPlugin({ insightsClient: browserAa });
}

/** Commands called the way InstantSearch's own types shape them. */
export function callWithInstantSearchTypes(payload: ClickPayload): void {
  aa('init', { appId: 'APP', apiKey: 'KEY', host: 'http://127.0.0.1:8080', useCookie: true, partial: true });
  aa('clickedObjectIDsAfterSearch', payload);
  aa('clickedObjectIDsAfterSearch', {
    eventName: 'Product Clicked',
    index: 'products',
    queryID: 'q1',
    objectIDs: ['1'],
    positions: [1],
  });
  aa('getUserToken', null, (_error, token) => token);
  aa('onUserTokenChange', (token) => token, { immediate: true });
  const version: string | undefined = aa.version;
  void version;
}
