// InstantSearch with a UMD build loaded by the standard snippet (`insights: true` finds `window.aa`).
import { expose, initClient, snippetClient } from './fixture.js';
import { startStorefront } from './instantsearch-app.js';

initClient(snippetClient());
expose({
  getUserToken: () =>
    new Promise((resolve) => snippetClient()('getUserToken', null, (_error, token) => resolve(token))),
});

/**
 * Start InstantSearch once the async UMD has run. If InstantSearch starts first, its middleware
 * finds no `_ALGOLIA` cookie yet, mints an anonymous token of its own and writes it as the cookie
 * while `init` is still queued; which token ends up in the cookie then depends on load order, with
 * search-insights exactly as with Sightline. Waiting makes the comparison deterministic; the queued
 * `init` above still goes through the snippet's queue.
 */
function whenLoaded(start: () => void): void {
  if ((window as unknown as { AlgoliaAnalytics?: unknown }).AlgoliaAnalytics) start();
  else setTimeout(() => whenLoaded(start), 10);
}
whenLoaded(startStorefront);
