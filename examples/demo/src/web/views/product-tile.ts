import type { Product } from '../../shared/types.js';
import { h } from '../dom.js';

/** Hues by department, so a results page reads at a glance without product photos. */
const HUES: Readonly<Record<string, number>> = {
  Appliances: 18,
  'Computers & Tablets': 210,
  'Cell Phones': 265,
  'TV & Home Theater': 190,
  Audio: 330,
  'Cameras & Camcorders': 40,
  'Video Games': 130,
  'Car Electronics & GPS': 0,
  'Smart Home': 160,
};

/**
 * A stand-in picture: the brand and the product's category on a department-colored tile. Text
 * rather than an emoji icon: headless browsers and some desktops have no emoji font.
 */
export function productTile(product: Product, size: 'small' | 'large' = 'small'): HTMLElement {
  const leaf = (product.categories[product.categories.length - 1] ?? product.name).replace(/^All /, '');
  const hue = HUES[product.categories[0] ?? ''] ?? 230;
  return h(
    'div',
    { class: `tile tile-${size}`, style: `--hue:${hue}`, 'aria-hidden': 'true' },
    h('span', { class: 'tile-brand' }, product.brand),
    h('span', { class: 'tile-label' }, leaf),
  );
}
