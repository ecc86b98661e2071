import { clearCart, readCart, removeFromCart } from '../cart.js';
import { formatPrice, h, mount } from '../dom.js';
import { trackPurchase } from '../insights.js';

/** The cart: lines, total, and a purchase button that sends the purchase event. */
export function renderCart(view: HTMLElement): void {
  const { index, currency } = window.SIGHTLINE_DEMO;
  const lines = readCart();
  if (lines.length === 0) {
    mount(
      view,
      h('h1', {}, 'Your cart is empty'),
      h('p', {}, h('a', { href: '/', 'data-link': true }, 'Find something →')),
    );
    return;
  }
  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const purchase = () => {
    trackPurchase(index, currency, lines);
    clearCart();
    mount(
      view,
      h('h1', {}, 'Thank you for your order!'),
      h(
        'p',
        { id: 'order-done' },
        `${lines.length} product(s), ${formatPrice(total, currency)}. A purchase event was sent.`,
      ),
      h('p', {}, h('a', { href: '/', 'data-link': true }, 'Keep shopping →')),
    );
  };
  mount(
    view,
    h('h1', {}, 'Your cart'),
    h(
      'table',
      { class: 'cart' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Product'),
          h('th', {}, 'Qty'),
          h('th', {}, 'Price'),
          h('th', {}, 'From search'),
          h('th', {}),
        ),
      ),
      h(
        'tbody',
        {},
        ...lines.map((line) =>
          h(
            'tr',
            { 'data-object-id': line.objectID },
            h(
              'td',
              {},
              h('a', { href: `/product/${encodeURIComponent(line.objectID)}`, 'data-link': true }, line.name),
            ),
            h('td', {}, line.quantity),
            h('td', {}, formatPrice(line.price * line.quantity, currency)),
            h('td', {}, line.queryID ? h('code', {}, `${line.queryID.slice(0, 8)}…`) : '—'),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    removeFromCart(line.objectID);
                    renderCart(view);
                  },
                },
                'Remove',
              ),
            ),
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h('tr', {}, h('td', { colspan: 2 }, 'Total'), h('td', { colspan: 3 }, formatPrice(total, currency))),
      ),
    ),
    h('button', { id: 'purchase', type: 'button', class: 'primary', onclick: purchase }, 'Purchase'),
  );
}
