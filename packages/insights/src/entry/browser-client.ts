import { AlgoliaAnalytics as CoreAlgoliaAnalytics, type AlgoliaAnalyticsOptions } from '../core/algolia-analytics.js';
import type { RequestFnType } from '../core/types.js';
import { createCookieTokenStore } from '../storage/cookie-token-store.js';
import { createLocalStorageStore } from '../storage/local-storage.js';
import { getRequesterForBrowser } from '../transport/browser-requester.js';
import { flavor } from './flavor.js';

/** The browser client: the `_ALGOLIA` cookie and localStorage for remembered queries, unless replaced. */
export class AlgoliaAnalytics extends CoreAlgoliaAnalytics {
  constructor(options: AlgoliaAnalyticsOptions) {
    super({
      tokenStore: createCookieTokenStore(),
      queryStore: createLocalStorageStore(),
      flavor: flavor('browser-esm'),
      ...options,
    });
  }
}

/** The browser requester, chosen on the first send rather than at import. */
export function lazyBrowserRequester(): RequestFnType {
  let requestFn: RequestFnType | undefined;
  return (url, data) => {
    requestFn ??= getRequesterForBrowser();
    return requestFn(url, data);
  };
}
