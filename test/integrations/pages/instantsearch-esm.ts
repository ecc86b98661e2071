// InstantSearch with Sightline bundled as an ES module (`import aa from '@sightline/insights'`).
import aa from '@sightline/insights';
import { expose, initClient } from './fixture.js';
import { startStorefront } from './instantsearch-app.js';

initClient(aa);
expose({
  getUserToken: () => aa('getUserToken'),
  setUserToken: (token: string) => aa('setUserToken', token),
});
startStorefront(aa);
