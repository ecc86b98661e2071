// Autocomplete with the Algolia Insights plugin over Sightline bundled as an ES module. The
// source is our own (not getAlgoliaResults), so it sets the `__autocomplete_*` fields itself.
import { autocomplete } from '@algolia/autocomplete-js';
import { createAlgoliaInsightsPlugin } from '@algolia/autocomplete-plugin-algolia-insights';
import aa from '@sightline/insights';
import { liteClient } from 'algoliasearch/lite';
import { expose, fixture, initClient, searchHost } from './fixture.js';

const INDEX_NAME = 'products';
const searchClient = liteClient(fixture.appId, fixture.apiKey, { hosts: searchHost() });

interface Suggestion extends Record<string, unknown> {
  objectID: string;
  name: string;
  __autocomplete_indexName: string;
  __autocomplete_queryID: string | undefined;
  __autocomplete_algoliaCredentials: { appId: string; apiKey: string };
}

/** The search parameters the plugin puts in the context (`clickAnalytics`, `userToken`). */
function insightsSearchParameters(context: unknown): Record<string, unknown> {
  const plugin = (
    context as { algoliaInsightsPlugin?: { __algoliaSearchParameters?: Record<string, unknown> } }
  ).algoliaInsightsPlugin;
  return plugin?.__algoliaSearchParameters ?? {};
}

initClient(aa);
expose({ getUserToken: () => aa('getUserToken'), versionSeenByAutocomplete: aa.version });

autocomplete<Suggestion>({
  container: '#app',
  placeholder: 'Search products',
  openOnFocus: false,
  // The default reads a CSS variable of the classic theme, which this page does not load;
  // unset, it would render the mobile "detached" button instead of an input.
  detachedMediaQuery: 'none',
  // `as never`: the plugin types `insightsClient` with search-insights' own type, which ours does
  // not yet match (see types/insights-client-types.ts).
  plugins: [createAlgoliaInsightsPlugin({ insightsClient: aa as never })],
  getSources({ query, state }) {
    return [
      {
        sourceId: 'products',
        async getItems() {
          const { results } = await searchClient.search<Record<string, unknown>>({
            requests: [
              { indexName: INDEX_NAME, query, hitsPerPage: 5, ...insightsSearchParameters(state.context) },
            ],
          });
          const result = results[0] as { hits: { objectID: string; name: string }[]; queryID?: string };
          return result.hits.map((hit) => ({
            ...hit,
            __autocomplete_indexName: INDEX_NAME,
            __autocomplete_queryID: result.queryID,
            // The plugin reads these to send per-event credentials whenever the client is "modern"
            // (aa.version >= 2.4): without them it throws. getAlgoliaResults() adds them itself.
            __autocomplete_algoliaCredentials: { appId: fixture.appId, apiKey: fixture.apiKey },
          }));
        },
        templates: {
          item({ item, html }) {
            return html`<div class="suggestion" data-object-id=${item.objectID}>${item.name}</div>`;
          },
        },
      },
    ];
  },
});
