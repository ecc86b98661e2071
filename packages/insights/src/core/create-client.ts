import { type Delivery, directDelivery } from './delivery.js';
import { insightsError, MESSAGES } from './errors.js';
import { splitArguments, toPayload } from './event-building.js';
import type { KeyValueStore, TokenStore } from './ports.js';
import { buildQueryString } from './query-string.js';
import {
  createRememberedQueries,
  type RememberedQueries,
  type RememberedQueriesOptions,
} from './remembered-queries.js';
import {
  DEFAULTS,
  endpointOf,
  type InitParams,
  type ResolvedSettings,
  resolveOptions,
} from './resolve-options.js';
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

/** What a client is assembled from. Entries fill in the platform parts. */
export interface ClientParts {
  /** The search-insights transport seam. Ignored when `delivery` is given. */
  requestFn?: RequestFnType;
  /** Replaces direct sending (batching, retries, outbox). */
  delivery?: Delivery;
  /** Keeps the anonymous token between visits (the `_ALGOLIA` cookie). None: `setAnonymousUserToken()` does nothing. */
  tokenStore?: TokenStore;
  /** Where remembered queryIDs live: localStorage in browsers, memory private to the client in Node. */
  queries: RememberedQueries;
  /** Build flavour in the agent string, `insights-js-<flavor> (2.18.0)`. */
  flavor: string;
  /**
   * Sees the settings at each `init`, once they are checked and before tokens and the cookie are
   * handled: the entry's own `init` options are in them too, resolved like search-insights' own
   * (partial inits; no default, so a string boolean stays a string). Returning `true` opts the
   * user out as `userHasOptedOut: true` does (Global Privacy Control), without changing that setting.
   */
  onInit?: (settings: ResolvedSettings) => boolean;
}

/** {@link ClientParts} with the remembered queries given either ready or as storage. */
export interface ClientOptions extends Omit<ClientParts, 'queries'> {
  /** A ready remembered-query store (Node's in-memory one). Wins over `queryStore`. */
  queries?: RememberedQueries;
  /** Storage for remembered queries, one key per entry (localStorage in browsers). */
  queryStore?: KeyValueStore;
  /** Limits of the remembered-query store made over `queryStore`. */
  rememberedQueries?: RememberedQueriesOptions;
}

/** A client from {@link ClientOptions}: `queries`, else a remembered-query store over `queryStore`. */
export function createClient(options: ClientOptions): InsightsMethods {
  const queries = options.queries ?? createRememberedQueries(options.queryStore!, options.rememberedQueries);
  return assembleClient({ ...options, queries });
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
  let onChange: unknown;
  const slot = {
    /** The current value; `init` writes it directly, without the callback, as search-insights does. */
    v: undefined as UserToken,
    set<T extends UserToken>(token: T): T {
      slot.v = token;
      call(onChange, token);
      return token;
    },
    get(_options?: unknown, callback?: (err: unknown, token?: number | string) => void) {
      call(callback, null, slot.v);
      return slot.v;
    },
    on(callback?: (token?: number | string) => void, options?: { immediate: boolean }) {
      onChange = callback;
      if (options?.immediate) call(callback, slot.v);
    },
  };
  return slot;
}

// A regex rather than startsWith: test() reads numbers and undefined as strings, which fail it
// (search-insights' tokens may be numbers).
const isAnonymous = (token: UserToken) => /^anonymous-/.test(token as string);

/**
 * The platform-free client: state (settings, tokens, remembered queries) and the rules of every
 * command. Never touches a global; everything platform-specific comes in through `options`.
 */
export function assembleClient(options: ClientParts): InsightsMethods {
  const { tokenStore, flavor, queries } = options;
  const deliver = options.delivery ?? directDelivery(options.requestFn!);
  const agents = [
    `insights-js (${API_VERSION})`,
    `insights-js-${flavor} (${API_VERSION})`,
    `sightline (${SIGHTLINE_VERSION})`,
  ];
  let settings = DEFAULTS;
  /** `userHasOptedOut`, or the entry's reason to opt out (onInit). */
  let optedOut = false;
  /** Where calls without per-call headers go: built on first use after each settings change. */
  let target: string | undefined;
  /**
   * `endpoint/1/events?` + credentials, agent and extra headers, encoded. Per-call headers win
   * over `init`'s credentials unless null or undefined (search-insights' `??`); names are matched
   * exactly, as search-insights does.
   */
  const urlOf = (headers?: Record<string, string>) => {
    const params: Record<string, string> = {
      [APP_ID]: settings.appId!,
      [API_KEY]: settings.apiKey!,
      'X-Algolia-Agent': agents.join('; '),
    };
    for (const name in headers) params[name] = headers[name] ?? params[name]!;
    return `${endpointOf(settings)}/1/events?${buildQueryString(params)}`;
  };
  const user = tokenSlot();
  const authenticated = tokenSlot();

  /** A new `anonymous-<uuid>` user token (callback fired); none without Web Crypto. */
  const fresh = () => {
    const id = createUUID();
    return id && user.set(ANONYMOUS + id);
  };
  /** Writes `token` to the token store (the cookie) for `cookieDuration`. */
  const keep = (token: UserToken) => {
    if (token) tokenStore?.set(String(token), Date.now() + settings.cookieDuration);
  };

  /** search-insights' `setAnonymousUserToken`: in memory, or reusing/writing the cookie. */
  const setAnonymousUserToken = (inMemory?: boolean) => {
    if (inMemory) fresh();
    else if (tokenStore && tokenStore.available?.() !== false) {
      const found = tokenStore.get();
      if (isAnonymous(found)) user.set(found);
      else keep(fresh());
    }
  };
  const saveTokenAsCookie = () => {
    if (user.v && tokenStore && !isAnonymous(tokenStore.get())) keep(user.v);
  };

  const client: InsightsMethods = {
    init(initOptions = {}) {
      settings = resolveOptions(initOptions, settings);
      target = undefined;
      optedOut = options.onInit?.(settings) || settings.userHasOptedOut;
      const { useCookie } = settings;
      const { userToken, authenticatedUserToken } = initOptions;
      // A given token is stored before any callback runs, as search-insights does.
      if (userToken !== undefined) user.v = userToken;
      if (authenticatedUserToken !== undefined) authenticated.v = authenticatedUserToken;
      if (authenticatedUserToken) authenticated.set(authenticatedUserToken);
      if (optedOut) {
        tokenStore?.remove();
        queries.clear();
      }
      if (userToken) user.set(userToken);
      else if (!user.v && !optedOut && useCookie) setAnonymousUserToken();
      else if (isAnonymous(user.v) && useCookie && !optedOut) saveTokenAsCookie();
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
    setAnonymousUserToken,
    saveTokenAsCookie,
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

  /**
   * One contract for callers: a Promise, never a synchronous throw (a failure before sending, such
   * as missing credentials, is a rejected promise). Not an async function: the promise returned
   * is `requestFn`'s own, as in search-insights, without an extra promise and await per call.
   */
  function send(
    eventData: InsightsEvent[],
    additionalParams: InsightsAdditionalEventParams | undefined,
    type?: InsightsEventType,
    subtype?: InsightsEventConversionSubType,
    pick?: Pick,
  ): Promise<boolean> {
    try {
      if (optedOut) return Promise.resolve(false);
      // Remembered before anything can fail, as search-insights does (never while opted out).
      if (pick) {
        for (const event of eventData) {
          // Like search-insights, objectIDs that are not an array throw (here: reject).
          event.objectIDs?.forEach((objectID, i) => {
            const queryID = pick(event, i);
            // Any queryID given, as search-insights remembers what it is given (empty ones aside).
            if (queryID) queries.remember(event.index, objectID, queryID);
          });
        }
      }
      const headers = additionalParams?.headers;
      if (
        !(
          (settings.appId !== undefined && settings.apiKey !== undefined) ||
          (headers?.[APP_ID] && headers[API_KEY])
        )
      ) {
        throw insightsError(
          'SL_NO_CREDENTIALS',
          MESSAGES && `Fix: call init with appId and apiKey, or pass both as headers`,
        );
      }
      if (!user.v && settings.anonymousUserToken) fresh();
      const events = toPayload(
        eventData,
        type,
        subtype,
        user.v,
        authenticated.v,
        additionalParams?.inferQueryID ? queries.recall : undefined,
      );
      // requestFn's own promise; an answer given synchronously becomes one.
      const sent = Promise.resolve(
        events.length > 0 &&
          // biome-ignore lint/suspicious/noAssignInExpressions: the settings' URL is built once, on first use.
          deliver({ url: headers ? urlOf(headers) : (target ??= urlOf()), events }),
      );
      // A purchase closes the journey: once accepted, its objects are not attributed to the old
      // search again. A side branch of `sent`: its rejection reaches the caller through `sent`,
      // and Boolean only keeps this branch's copy from being an unhandled rejection.
      for (const { eventType, eventSubtype, index, objectIDs } of events) {
        if (eventType === 'conversion' && eventSubtype === 'purchase' && objectIDs)
          sent.then((ok) => ok && queries.forget(index, objectIDs), Boolean);
      }
      return sent;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function eventMethod(type: InsightsEventType, subtype?: InsightsEventConversionSubType, pick?: Pick) {
    return (...params: unknown[]): Promise<boolean> => {
      const [events, additionalParams] = splitArguments<InsightsEvent>(params);
      return send(events, additionalParams, type, subtype, pick);
    };
  }

  return client;
}

export type { InitParams };
