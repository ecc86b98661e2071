import {
  type AlgoliaAnalyticsOptions,
  AlgoliaAnalytics as CoreAlgoliaAnalytics,
} from '../core/algolia-analytics.js';
import type { ClientOptions } from '../core/create-client.js';
import type { RequestFnType } from '../core/types.js';
import { createCookieTokenStore } from '../storage/cookie-token-store.js';
import { createLocalStorageStore } from '../storage/local-storage.js';
import { flavor } from './flavor.js';

/** Browser defaults: the `_ALGOLIA` cookie, and localStorage for remembered queries. */
export function browserOptions(options: AlgoliaAnalyticsOptions): ClientOptions {
  return {
    tokenStore: createCookieTokenStore(),
    queryStore: createLocalStorageStore(),
    flavor: flavor('browser-esm'),
    ...options,
  };
}

/** The browser client: cookie and localStorage unless replaced in the options. */
export class AlgoliaAnalytics extends CoreAlgoliaAnalytics {
  constructor(options: AlgoliaAnalyticsOptions) {
    super(browserOptions(options));
  }
}

/** A requester chosen on the first send rather than at import. */
export function lazyRequester(choose: () => RequestFnType): RequestFnType {
  let requestFn: RequestFnType | undefined;
  return (url, data) => {
    requestFn ??= choose();
    return requestFn(url, data);
  };
}
