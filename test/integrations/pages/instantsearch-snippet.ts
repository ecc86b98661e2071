// InstantSearch with a UMD build loaded by the standard snippet (`insights: true` finds `window.aa`).
import { expose, initClient, snippetClient } from './fixture.js';
import { startStorefront } from './instantsearch-app.js';

initClient(snippetClient());
expose({
  getUserToken: () =>
    new Promise((resolve) => snippetClient()('getUserToken', null, (_error, token) => resolve(token))),
});
startStorefront();
