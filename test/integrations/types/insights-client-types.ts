// Type compatibility: code written for search-insights with InstantSearch.js and Autocomplete must
// compile unchanged when `aa` is Sightline's. The root `tsc --noEmit` checks this file; nothing
// runs it (every call sits in a function no test calls).
//
// KNOWN BREAK (reported, packages/insights is not ours to edit): `InsightsMethodMap` in
// packages/insights/src/core/types.ts has two keys search-insights' map lacks
// (`setAnonymousUserToken`, `saveTokenAsCookie`). `InsightsClient` is a generic function over
// `keyof InsightsMethodMap`, so the two generic signatures do not unify and our `aa` is not
// assignable to search-insights' `InsightsClient`, the type both InstantSearch.js and Autocomplete
// declare `insightsClient` with. Each line that hits it carries a `@ts-expect-error`; when the
// client's types are fixed, tsc reports those directives as unused: delete them then.
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
