import type { Hit, SearchResponse } from '../../shared/types.js';
import { searchProducts } from '../api.js';
import { formatPrice, h, mount } from '../dom.js';
import { trackClick } from '../insights.js';
import type { Navigation } from '../router.js';
import { productTile } from './product-tile.js';

/** Search results (or, without a query, the most popular products). */
export async function renderSearch(
  view: HTMLElement,
  nav: Navigation,
  query: string,
  page: number,
): Promise<void> {
  mount(view, h('p', { class: 'muted' }, 'Searching…'));
  const result = await searchProducts(query, page, nav.userToken());
  if (nav.stale()) return;
  const { currency } = window.SIGHTLINE_DEMO;
  const heading = query
    ? h('h1', {}, `${result.nbHits} result${result.nbHits === 1 ? '' : 's'} for “${query}”`)
    : h('h1', {}, 'Popular right now');
  mount(
    view,
    h(
      'section',
      { class: 'results-head' },
      heading,
      h(
        'p',
        { class: 'meta' },
        'queryID ',
        h('code', { id: 'query-id' }, result.queryID),
        ` · index ${result.index}`,
      ),
    ),
    result.nbHits === 0 ? noResults(query, nav) : null,
    h('ul', { class: 'hits' }, ...result.hits.map((hit) => hitCard(hit, result, currency, nav))),
    pagination(result, nav),
  );
}

function hitCard(hit: Hit, result: SearchResponse, currency: string, nav: Navigation): HTMLElement {
  const href = `/product/${encodeURIComponent(hit.objectID)}?queryID=${result.queryID}`;
  const open = (event: Event) => {
    event.preventDefault();
    trackClick(result.index, hit, result.queryID);
    nav.navigate(href);
  };
  return h(
    'li',
    { class: 'hit', 'data-object-id': hit.objectID, 'data-position': hit.position },
    h(
      'a',
      { href, onclick: open },
      productTile(hit),
      h('span', { class: 'position', title: 'Absolute position, sent with the click' }, `#${hit.position}`),
      h('span', { class: 'hit-name' }, hit.name),
      h('span', { class: 'hit-category' }, hit.categories.join(' › ')),
      h('span', { class: 'price' }, formatPrice(hit.price, currency)),
    ),
  );
}

function noResults(query: string, nav: Navigation): HTMLElement {
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, `Nothing matches “${query}”.`),
    h(
      'p',
      {},
      'Try ',
      ...['cooktop', 'macbook', 'headphones'].flatMap((q, i) => [
        i > 0 ? ', ' : '',
        h(
          'a',
          {
            href: `/search?q=${q}`,
            onclick: (e: Event) => {
              e.preventDefault();
              nav.navigate(`/search?q=${q}`);
            },
          },
          q,
        ),
      ]),
      '.',
    ),
  );
}

function pagination(result: SearchResponse, nav: Navigation): HTMLElement | null {
  if (result.nbPages <= 1) return null;
  const go = (page: number) => (event: Event) => {
    event.preventDefault();
    nav.navigate(`/search?${new URLSearchParams({ q: result.query, page: String(page) })}`);
  };
  return h(
    'nav',
    { class: 'pagination', 'aria-label': 'Pages' },
    result.page > 0 ? h('a', { href: '#', onclick: go(result.page - 1) }, '← Previous') : h('span', {}),
    h('span', {}, `Page ${result.page + 1} of ${result.nbPages}`),
    result.page + 1 < result.nbPages
      ? h('a', { href: '#', onclick: go(result.page + 1) }, 'Next →')
      : h('span', {}),
  );
}
