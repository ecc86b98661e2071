import { type Delivery, type DeliveryRequest, directDelivery } from './delivery.js';
import { insightsError, MESSAGES } from './errors.js';
import { inferQueryIDs, splitArguments, toPayload, withType } from './event-building.js';
import type { KeyValueStore, TokenStore } from './ports.js';
import { buildQueryString } from './query-string.js';
import { createRememberedQueries, type RememberedQueriesOptions } from './remembered-queries.js';
import { DEFAULTS, endpointOf, type InitParams, resolveOptions, toBoolean } from './resolve-options.js';
import type {
  InsightsAdditionalEventParams,
  InsightsEvent,
  InsightsEventConversionSubType,
  InsightsEventType,
  InsightsMethods,
  RequestFnType,
} from './types.js';
import { createUUID } from './uuid.js';
import { API_VERSION, SIGHTLINE_VERSION } from './version.js';

/** What a client is built from. Entries fill in the platform parts. */
export interface ClientOptions {
  /** The search-insights transport seam. Ignored when `delivery` is given. */
  requestFn?: RequestFnType;
  /** Replaces direct sending (batching, retries, outbox). */
  delivery?: Delivery;
  /** Keeps the anonymous token between visits (the `_ALGOLIA` cookie). None: `setAnonymousUserToken()` does nothing. */
  tokenStore?: TokenStore;
  /** Where remembered queryIDs live: localStorage in browsers, a Map private to the client elsewhere. */
  queryStore: KeyValueStore;
  /** Limits of the remembered-query store. */
  rememberedQueries?: Omit<RememberedQueriesOptions, 'persist'>;
  /** Build flavour in the agent string, `insights-js-<flavor> (2.18.0)`. */
  flavor: string;
}

const ANONYMOUS = 'anonymous-';
const APP_ID = 'X-Algolia-Application-Id';
const API_KEY = 'X-Algolia-API-Key';

type UserToken = number | string | undefined;
/** Which queryID a click/add-to-cart remembers for object i: none, the event's, or objectData's. */
type Pick = (event: InsightsEvent, i: number) => string | undefined;

const call = (callback: unknown, ...args: unknown[]) => {
  if (typeof callback === 'function') callback(...args);
};

/** One token with its change callback: the user token and the authenticated one behave alike. */
function tokenSlot() {
  const slot = {
    /** The current value; `init` writes it directly, without the callback, as search-insights does. */
    v: undefined as UserToken,
    callback: undefined as unknown,
    set<T extends UserToken>(token: T): T {
      slot.v = token;
      call(slot.callback, token);
      return token;
    },
    get(_options?: unknown, callback?: (err: unknown, token?: number | string) => void) {
      call(callback, null, slot.v);
      return slot.v;
    },
    on(callback?: (token?: number | string) => void, options?: { immediate: boolean }) {
      slot.callback = callback;
      if (options?.immediate) call(callback, slot.v);
    },
  };
  return slot;
}

// A regex rather than startsWith: numbers and undefined simply fail it (search-insights' tokens may be numbers).
const isAnonymous = (token: UserToken) => /^anonymous-/.test(String(token));

/**
 * The platform-free client: state (settings, tokens, remembered queries) and the rules of every
 * command. Never touches a global; everything platform-specific comes in through `options`.
 */
export function createClient(options: ClientOptions): InsightsMethods {
  const { tokenStore, flavor } = options;
  const deliver = options.delivery ?? directDelivery(options.requestFn!);
  const queries = createRememberedQueries({ ...options.rememberedQueries, persist: options.queryStore });
  const agents = [
    `insights-js (${API_VERSION})`,
    `insights-js-${flavor} (${API_VERSION})`,
    `sightline (${SIGHTLINE_VERSION})`,
  ];
  let settings = DEFAULTS;
  /** Where calls without per-call headers go: built on first use after each settings change. */
  let target: Omit<DeliveryRequest, 'events'> | undefined;
  /** Endpoint, query parameters and URL of a request. Header names are matched exactly, as search-insights does. */
  const targetOf = (appId: string, apiKey: string, headers?: Record<string, string>) => {
    const params: Record<string, string> = {
      [APP_ID]: appId,
      [API_KEY]: apiKey,
      'X-Algolia-Agent': agents.join('; '),
    };
    for (const name in headers) if (name !== APP_ID && name !== API_KEY) params[name] = headers[name]!;
    const endpoint = endpointOf(settings);
    return { endpoint, params, url: `${endpoint}/1/events?${buildQueryString(params)}` };
  };
  const user = tokenSlot();
  const authenticated = tokenSlot();

  /** A new `anonymous-<uuid>` user token (callback fired); none without Web Crypto. */
  const fresh = () => {
    const id = createUUID();
    return id && client.setUserToken(ANONYMOUS + id);
  };
  /** Writes `token` to the token store (the cookie) for `cookieDuration`. */
  const keep = (token: UserToken) => {
    if (token) tokenStore?.set(String(token), Date.now() + settings.cookieDuration);
  };

  const client: InsightsMethods = {
    init(initOptions = {}) {
      settings = resolveOptions(initOptions, settings);
      target = undefined;
      const { userHasOptedOut, useCookie } = settings;
      // A given token is stored before any callback runs, as search-insights does.
      if (initOptions.userToken !== undefined) user.v = initOptions.userToken;
      if (initOptions.authenticatedUserToken !== undefined)
        authenticated.v = initOptions.authenticatedUserToken;
      if (initOptions.authenticatedUserToken)
        client.setAuthenticatedUserToken(initOptions.authenticatedUserToken);
      if (userHasOptedOut) {
        tokenStore?.remove();
        queries.clear();
      }
      if (initOptions.userToken) client.setUserToken(initOptions.userToken);
      else if (!user.v && !userHasOptedOut && useCookie) client.setAnonymousUserToken();
      else if (isAnonymous(user.v) && useCookie && !userHasOptedOut) client.saveTokenAsCookie();
    },
    getVersion(callback) {
      call(callback, API_VERSION);
      return API_VERSION;
    },
    addAlgoliaAgent(agent) {
      if (!agents.includes(agent)) agents.push(agent);
      target = undefined;
    },
    setUserToken: user.set,
    getUserToken: user.get,
    onUserTokenChange: user.on,
    setAnonymousUserToken(inMemory = false) {
      if (toBoolean(inMemory)) {
        fresh();
        return;
      }
      if (!tokenStore || tokenStore.available?.() === false) return;
      const found = tokenStore.get();
      if (isAnonymous(found)) client.setUserToken(found!);
      else keep(fresh());
    },
    saveTokenAsCookie() {
      if (user.v && tokenStore && !isAnonymous(tokenStore.get())) keep(user.v);
    },
    setAuthenticatedUserToken: authenticated.set,
    getAuthenticatedUserToken: authenticated.get,
    onAuthenticatedUserTokenChange: authenticated.on,
    sendEvents: (eventData, additionalParams) => send(eventData, additionalParams),
    clickedObjectIDsAfterSearch: eventMethod('click', undefined, (event) => event.queryID),
    clickedObjectIDs: eventMethod('click'),
    clickedFilters: eventMethod('click'),
    convertedObjectIDsAfterSearch: eventMethod('conversion'),
    convertedObjectIDs: eventMethod('conversion'),
    convertedFilters: eventMethod('conversion'),
    viewedObjectIDs: eventMethod('view'),
    viewedFilters: eventMethod('view'),
    purchasedObjectIDs: eventMethod('conversion', 'purchase'),
    purchasedObjectIDsAfterSearch: eventMethod('conversion', 'purchase'),
    addedToCartObjectIDs: eventMethod(
      'conversion',
      'addToCart',
      (event, i) => event.objectData?.[i]?.queryID,
    ),
    addedToCartObjectIDsAfterSearch: eventMethod(
      'conversion',
      'addToCart',
      (event, i) => event.objectData?.[i]?.queryID ?? event.queryID,
    ),
  };

  // async: one contract for callers, a Promise that rejects, never a synchronous throw.
  // `owned`: the events are the event method's own copies, completed in place.
  async function send(
    eventData: InsightsEvent[],
    additionalParams: InsightsAdditionalEventParams | undefined,
    owned?: boolean,
  ): Promise<boolean> {
    if (settings.userHasOptedOut) return false;
    const headers = additionalParams?.headers;
    const appId = headers?.[APP_ID];
    const apiKey = headers?.[API_KEY];
    if (!((settings.appId !== undefined && settings.apiKey !== undefined) || (appId && apiKey))) {
      throw insightsError(
        'SL_NO_CREDENTIALS',
        MESSAGES && `Fix: call init with appId and apiKey, or pass both as headers`,
      );
    }
    if (!user.v && settings.anonymousUserToken) client.setAnonymousUserToken(true);
    const events = toPayload(
      additionalParams?.inferQueryID ? inferQueryIDs(eventData, queries.recall) : eventData,
      user.v,
      authenticated.v,
      owned,
    );
    if (!events.length) return false;
    if (!headers) target ??= targetOf(settings.appId!, settings.apiKey!);
    const request = headers
      ? targetOf(appId ?? settings.appId!, apiKey ?? settings.apiKey!, headers)
      : target!;
    const sent = await deliver({ ...request, events });
    // A purchase closes the journey: its objects must not be attributed to the old search again.
    if (sent) {
      for (const { eventType, eventSubtype, index, objectIDs } of events) {
        if (eventType === 'conversion' && eventSubtype === 'purchase' && objectIDs)
          queries.forget(index, objectIDs);
      }
    }
    return sent;
  }

  function eventMethod(type: InsightsEventType, subtype?: InsightsEventConversionSubType, pick?: Pick) {
    return (...params: unknown[]): Promise<boolean> => {
      const { events, additionalParams } = splitArguments<InsightsEvent>(params);
      if (pick && !settings.userHasOptedOut) {
        for (const event of events) {
          const { objectIDs } = event;
          if (Array.isArray(objectIDs)) {
            for (let i = 0; i < objectIDs.length; i++) {
              const queryID = pick(event, i);
              if (typeof queryID === 'string' && queryID)
                queries.remember(event.index, objectIDs[i]!, queryID);
            }
          }
        }
      }
      return send(withType(type, subtype, events), additionalParams, true);
    };
  }

  return client;
}

export type { InitParams };
