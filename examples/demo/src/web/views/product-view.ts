import { fetchProduct } from '../api.js';
import { addToCart } from '../cart.js';
import { formatPrice, h, mount } from '../dom.js';
import { trackAddToCart, trackView } from '../insights.js';
import type { Navigation } from '../router.js';
import { productTile } from './product-tile.js';

/** A product page: sends a view, offers add-to-cart (tied to the search it came from). */
export async function renderProduct(
  view: HTMLElement,
  nav: Navigation,
  objectID: string,
  queryID: string | undefined,
): Promise<void> {
  const product = await fetchProduct(objectID);
  if (nav.stale()) return;
  if (!product) {
    mount(
      view,
      h('h1', {}, 'Product not found'),
      h('p', {}, h('a', { href: '/', 'data-link': true }, 'Back to the shop')),
    );
    return;
  }
  const { index, currency } = window.SIGHTLINE_DEMO;
  trackView(index, product);
  const quantity = h('input', {
    id: 'quantity',
    type: 'number',
    min: 1,
    max: 99,
    value: 1,
    'aria-label': 'Quantity',
  });
  const status = h('p', { class: 'added', role: 'status' });
  const add = () => {
    const line = {
      objectID: product.objectID,
      name: product.name,
      price: product.price,
      quantity: Math.max(1, Math.min(99, Math.trunc(Number(quantity.value)) || 1)),
      ...(queryID ? { queryID } : {}),
    };
    addToCart(line);
    trackAddToCart(index, currency, line);
    mount(
      status,
      `Added ${line.quantity} to your cart. `,
      h('a', { href: '/cart', 'data-link': true }, 'View cart →'),
    );
  };
  mount(
    view,
    h(
      'article',
      { class: 'product' },
      productTile(product, 'large'),
      h(
        'div',
        { class: 'product-info' },
        h('p', { class: 'crumbs' }, product.categories.join(' › ')),
        h('h1', {}, product.name),
        h('p', { class: 'brand-line' }, `by ${product.brand}`),
        h('p', { class: 'price big' }, formatPrice(product.price, currency)),
        h('p', {}, product.description),
        h(
          'div',
          { class: 'buy' },
          quantity,
          h('button', { id: 'add-to-cart', type: 'button', class: 'primary', onclick: add }, 'Add to cart'),
        ),
        status,
        h(
          'p',
          { class: 'meta' },
          ...(queryID
            ? ['Found with search ', h('code', {}, queryID)]
            : ['Opened directly (no search): events carry no queryID.']),
        ),
      ),
    ),
  );
}
