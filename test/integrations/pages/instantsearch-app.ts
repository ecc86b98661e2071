// The InstantSearch.js storefront both loading variants share: a search box, hits that send a
// click ("Product Clicked") and a conversion ("Product Ordered"), InstantSearch's default views.
import type { InsightsClient } from '@sightline/insights';
import { liteClient } from 'algoliasearch/lite';
import instantsearch from 'instantsearch.js';
import { createInsightsMiddleware } from 'instantsearch.js/es/middlewares';
import { hits, searchBox } from 'instantsearch.js/es/widgets';
import { expose, fixture, searchHost } from './fixture.js';

export const INDEX_NAME = 'products';

/**
 * Starts InstantSearch. `insightsClient` given: `createInsightsMiddleware({ insightsClient })`;
 * absent: `insights: true`, which finds the page's client through `window.AlgoliaAnalyticsObject`.
 */
export function startStorefront(insightsClient?: InsightsClient): void {
  const app = document.getElementById('app')!;
  app.innerHTML = '<div id="searchbox"></div><div id="hits"></div>';
  const searchClient = liteClient(fixture.appId, fixture.apiKey, { hosts: searchHost() });
  const search = instantsearch({
    indexName: INDEX_NAME,
    searchClient,
    insights: !insightsClient,
  });
  if (insightsClient) {
    search.use(createInsightsMiddleware({ insightsClient }));
  }
  search.addWidgets([
    searchBox({ container: '#searchbox', placeholder: 'Search products' }),
    hits({
      container: '#hits',
      templates: {
        item: (hit, { html, sendEvent }) => html`
          <article class="product" data-object-id=${hit.objectID}>
            <a
              class="product-link"
              href="#"
              onClick=${(event: Event) => {
                event.preventDefault();
                sendEvent('click', hit, 'Product Clicked');
              }}
              >${String(hit.name)}</a
            >
            <p>${String(hit.category)}</p>
            <button
              class="buy"
              type="button"
              onClick=${(event: Event) => {
                // A conversion is not a click on the hit: keep InstantSearch's own click handler out.
                event.stopPropagation();
                sendEvent('conversion', hit, 'Product Ordered');
              }}
            >
              Buy
            </button>
          </article>
        `,
      },
    }),
  ]);
  const stub = insightsClient ?? (window as unknown as { aa?: InsightsClient }).aa;
  expose({ versionSeenByInstantSearch: stub?.version ?? null });
  search.start();
}
