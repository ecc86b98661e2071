// The default browser client of the <script> builds: search-insights' behaviour with reliable
// delivery (batching, retries, outbox, lifecycle flush), consent extras and cookie attributes.
import type { AlgoliaAnalytics } from '../core/algolia-analytics.js';
import { assembleClient } from '../core/create-client.js';
import { type Delivery, directDelivery } from '../core/delivery.js';
import { createOutbox } from '../core/outbox.js';
import { createReliableDelivery, type ReliableDeliveryOptions } from '../core/reliable-delivery.js';
import { createRememberedQueries } from '../core/remembered-queries.js';
import { DEFAULTS, type ResolvedSettings, toBoolean } from '../core/resolve-options.js';
import type { InsightsEvent, RequestFnType } from '../core/types.js';
import { validatingDelivery } from '../core/validating-delivery.js';
import { API_VERSION } from '../core/version.js';
import {
  type CookieAttributes,
  cookieAttributes,
  createCookieTokenStore,
  expireCookieEverywhere,
} from '../storage/cookie-token-store.js';
import { createLocalStorageStore } from '../storage/local-storage.js';
import { toRequestFn } from '../transport/facts.js';
import { keepaliveFetchTransport } from '../transport/keepalive-fetch.js';
import { beaconTransport } from '../transport/send-beacon.js';
import { flavor } from './flavor.js';

// The dev build defines __DEV__ = true; elsewhere validation is dead code, dropped by the minifier.
declare const __DEV__: boolean | undefined;
const DEV = typeof __DEV__ === 'boolean' && __DEV__;

/** `init` options of the reliable builds, beyond search-insights'. */
export interface DeliveryInitParams {
  /**
   * `'direct'` restores search-insights' delivery: one request per call, no batching, retries,
   * outbox, `timestamp`/`eventID` stamps. It sends through the `requestFn` given, else through the
   * reliable transport (keepalive fetch, else beacon), whose answer is the real outcome (where
   * search-insights' beacon counts as sent once queued). @default 'reliable'
   */
  deliveryMode?: 'reliable' | 'direct';
  /** Milliseconds events wait to share a request; 0 = the calls of the current task. @default 0 */
  flushInterval?: number;
  /** Treat `navigator.globalPrivacyControl === true` as `userHasOptedOut: true`. @default false */
  honorGlobalPrivacyControl?: boolean;
  /** `SameSite` of the `_ALGOLIA` cookie; `'None'` adds `Secure`. @default 'Lax' */
  cookieSameSite?: CookieAttributes['cookieSameSite'];
  /** `Domain` of the `_ALGOLIA` cookie, e.g. `example.com` to share it across subdomains. @default undefined */
  cookieDomain?: string;
  /**
   * Whether events still in flight when the page goes away are resent by the next page unless
   * confirmed. Resending makes a copy when the first one arrived: right for an endpoint that drops
   * copies by `eventID` (a Sightline collector), wrong for one that counts both (Algolia, or a proxy
   * in front of it: set `false` there). @default undefined (true, except for Algolia's hosted API)
   */
  resendInFlight?: boolean;
}

/**
 * A client instance whose `init` also takes {@link DeliveryInitParams}. `requestFn` serves
 * `deliveryMode: 'direct'` (default: the reliable transport, one request per call, resolving with
 * the real outcome); `validate` (dev build) checks events before they join a batch.
 */
export function createReliableBrowserClient(
  requestFn: RequestFnType | undefined,
  validate?: (event: InsightsEvent) => string | undefined,
  deliveryMode: DeliveryInitParams['deliveryMode'] = 'reliable',
  build = 'browser-umd',
): AlgoliaAnalytics {
  // The settings of the last init as the core resolved them: it keeps these options as given, so
  // each of their defaults applies where one is undefined, stated once where it is used:
  // `deliveryMode` the parameter ('direct' for a caller's own requestFn, createInsightsClient),
  // `flushInterval` and `resendInFlight` the delivery's, `cookieSameSite` cookieAttributes'.
  let settings: DeliveryInitParams & ResolvedSettings = DEFAULTS;
  const store = createLocalStorageStore();
  // keepalive fetch tells the real status; a beacon where fetch is missing.
  const transport = keepaliveFetchTransport(beaconTransport());
  const options: ReliableDeliveryOptions = {
    transport,
    outbox: createOutbox({ store }),
    // No default in the core, so a string boolean is still a string here.
    keepInFlight: () =>
      settings.resendInFlight === undefined ? undefined : toBoolean(settings.resendInFlight),
  };
  const reliable = createReliableDelivery(options);
  const direct = directDelivery(requestFn ?? toRequestFn(transport));
  const chosen: Delivery = (request) =>
    ((settings.deliveryMode ?? deliveryMode) === 'direct' ? direct : reliable)(request);
  // Opting out removes the cookie whatever domain it was written with (cookieDomain may have changed).
  const cookies = createCookieTokenStore(() => cookieAttributes(settings));
  const client = assembleClient({
    tokenStore: { ...cookies, remove: expireCookieEverywhere },
    queries: createRememberedQueries(store),
    delivery: DEV && validate ? validatingDelivery(chosen, validate) : chosen,
    flavor: flavor(build),
    // Before the core handles tokens: it may write the cookie (consent promotion) with these attributes.
    onInit(resolved) {
      settings = resolved;
      options.flushIntervalMs = settings.flushInterval;
      // No default in the core, so a string boolean is still a string here.
      const optOut =
        toBoolean(settings.honorGlobalPrivacyControl) &&
        (globalThis.navigator as (Navigator & { globalPrivacyControl?: boolean }) | undefined)
          ?.globalPrivacyControl === true;
      // Opting out stops everything at once, outbox included; otherwise what earlier pages left goes now.
      if (optOut || settings.userHasOptedOut) reliable.clear();
      else reliable.resend();
      return optOut;
    },
  });
  const instance = { version: API_VERSION, ...client } as AlgoliaAnalytics;
  // The page may be going away: what waits for company leaves now (keepalive fetch / beacon).
  // Optional calls: a worker or a server-side render of the browser build has no page events.
  globalThis.addEventListener?.('pagehide', reliable.leave);
  globalThis.addEventListener?.('pageshow', reliable.resume);
  globalThis.addEventListener?.('visibilitychange', () => {
    if (document.visibilityState === 'hidden') reliable.flush();
  });
  return instance;
}
