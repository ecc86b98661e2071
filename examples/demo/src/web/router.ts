/** What a view gets for one navigation. */
export interface Navigation {
  /** Goes to another shop path without a page load. */
  navigate(path: string): void;
  /** True once a newer navigation has started: a view drops its late results. */
  stale(): boolean;
  /** The Insights user token, once the client has reported one. */
  userToken(): string | undefined;
}

/**
 * Client-side navigation (the server answers every shop path with the same page): draws the
 * current location now, on back/forward, and on clicks of links marked `data-link`.
 */
export function startRouter(
  render: (nav: Navigation) => Promise<void> | void,
  userToken: () => string | undefined,
): void {
  let generation = 0;
  const navigate = (path: string) => {
    history.pushState(null, '', path);
    window.scrollTo(0, 0);
    run();
  };
  function run() {
    const mine = ++generation;
    void render({ navigate, userToken, stale: () => mine !== generation });
  }
  window.addEventListener('popstate', run);
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href') ?? '/');
  });
  run();
}
