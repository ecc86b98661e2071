import { h } from '../dom.js';
import type { DashboardPage } from './pages.js';

/** The top bar: product name, one link per page, the signed-in app and a sign-out button. */
export function navBar(
  pages: readonly DashboardPage[],
  current: string,
  appId: string,
  onSignOut: () => void,
): HTMLElement {
  return h(
    'header',
    { class: 'nav' },
    h('span', { class: 'logo' }, 'Sightline'),
    h(
      'nav',
      { 'aria-label': 'Pages' },
      ...pages.map((page) =>
        h(
          'a',
          {
            href: `#/${page.id}`,
            class: page.id === current ? 'active' : undefined,
            'aria-current': page.id === current ? 'page' : undefined,
          },
          page.title,
        ),
      ),
    ),
    h(
      'span',
      { class: 'session' },
      'App ',
      h('code', { id: 'app-id' }, appId),
      h('button', { type: 'button', class: 'ghost', onclick: onSignOut }, 'Sign out'),
    ),
  );
}
