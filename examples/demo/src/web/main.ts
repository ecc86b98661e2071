import { fetchSuggestions } from './api.js';
import { cartCount } from './cart.js';
import { h, mount } from './dom.js';
import { initInsights, onEventSent } from './insights.js';
import { type Navigation, startRouter } from './router.js';
import { renderCart } from './views/cart-view.js';
import { renderProduct } from './views/product-view.js';
import { renderSearch } from './views/search-view.js';

const config = window.SIGHTLINE_DEMO;
const view = document.getElementById('view')!;
const input = document.getElementById('search-input') as HTMLInputElement;
const suggestions = document.getElementById('suggestions')!;

let userToken: string | undefined;
initInsights(config, (token) => {
  userToken = token ?? undefined;
  document.getElementById('user-token')!.textContent = token ?? '(none yet)';
});
document.getElementById('collector-host')!.textContent = config.host;
document.getElementById('index-name')!.textContent = config.index;
// The dashboard lives on the collector, not on this shop's origin.
(document.getElementById('dashboard-link') as HTMLAnchorElement).href = `${config.host}/dashboard/`;

const activity = document.getElementById('activity')!;
onEventSent((event) => {
  activity.prepend(
    h(
      'li',
      {},
      h('strong', {}, event.eventName),
      h('span', { class: 'method' }, event.method),
      h('span', {}, event.detail),
    ),
  );
  while (activity.children.length > 8) activity.lastElementChild!.remove();
});

const showCartCount = () => {
  document.getElementById('cart-count')!.textContent = String(cartCount());
};
window.addEventListener('cart-change', showCartCount);
showCartCount();

let navigate: Navigation['navigate'] = (path) => location.assign(path);
startRouter(
  async (nav) => {
    navigate = nav.navigate;
    const { pathname, searchParams } = new URL(location.href);
    hideSuggestions();
    try {
      if (pathname.startsWith('/product/')) {
        const objectID = decodeURIComponent(pathname.slice('/product/'.length));
        await renderProduct(view, nav, objectID, searchParams.get('queryID') ?? undefined);
      } else if (pathname === '/cart') {
        renderCart(view);
      } else {
        const query = searchParams.get('q') ?? '';
        input.value = query;
        await renderSearch(view, nav, query, Number(searchParams.get('page') ?? 0) || 0);
      }
    } catch (error) {
      mount(view, h('h1', {}, 'Something went wrong'), h('p', { class: 'muted' }, String(error)));
    }
  },
  () => userToken,
);

document.getElementById('search-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  navigate(`/search?${new URLSearchParams({ q: input.value.trim() })}`);
});

// Suggestions from the popular-queries list, refreshed as the user types. Each navigation hides
// them and cancels the pending lookup (`lookup` counts lookups, so a late answer is dropped).
let typing: ReturnType<typeof setTimeout> | undefined;
let lookup = 0;
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(async () => {
    const mine = ++lookup;
    const { suggestions: list } = await fetchSuggestions(input.value);
    if (mine !== lookup) return;
    mount(
      suggestions,
      ...list.map((s) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              // mousedown, not click: the input's blur would hide the list before a click lands.
              onmousedown: (e: Event) => {
                e.preventDefault();
                navigate(`/search?${new URLSearchParams({ q: s.query })}`);
              },
            },
            s.query,
            h('small', {}, `${s.popularity} searches`),
          ),
        ),
      ),
    );
    suggestions.hidden = list.length === 0;
  }, 120);
});
input.addEventListener('blur', hideSuggestions);
input.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hideSuggestions();
});

function hideSuggestions() {
  clearTimeout(typing);
  lookup++;
  suggestions.hidden = true;
}
