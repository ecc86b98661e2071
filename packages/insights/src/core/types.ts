// Public types, shaped so that code typed against search-insights 2.18 compiles against Sightline.
import type { InitParams } from './resolve-options.js';

/** Event family, set by the event method you call. */
export type InsightsEventType = 'click' | 'conversion' | 'view';

/** Conversion flavour, set by the add-to-cart and purchase methods. */
export type InsightsEventConversionSubType = 'addToCart' | 'purchase';

/** Per-object data of add-to-cart and purchase events, index-aligned with `objectIDs`. */
export type InsightsEventObjectData = {
  /** The search that led to this object; used for attribution. */
  queryID?: string;
  /** Final unit price, discount applied. */
  price?: number | string;
  /** Absolute discount per unit. */
  discount?: number | string;
  /** Units added or bought. */
  quantity?: number;
};

/** One event as handed to `sendEvents` and as it travels on the wire. */
export type InsightsEvent = {
  eventType: InsightsEventType;
  eventSubtype?: InsightsEventConversionSubType;
  /** 1–64 printable ASCII characters, for example `Product Clicked`. */
  eventName: string;
  /** Defaults to the client's user token. */
  userToken?: number | string;
  /** Defaults to the client's authenticated user token. */
  authenticatedUserToken?: number | string;
  /** Milliseconds since the Unix epoch; the API uses the receive time when absent. */
  timestamp?: number;
  index: string;
  queryID?: string;
  objectIDs?: string[];
  /** Absolute 1-based positions of the clicked objects. */
  positions?: number[];
  objectData?: InsightsEventObjectData[];
  /** Set by the client when `inferQueryID` filled some `objectData[i].queryID`. */
  objectIDsWithInferredQueryID?: string[];
  /** `attribute:value` facet filters; the client URL-encodes each one. */
  filters?: string[];
  value?: number | string;
  currency?: string;
};

/** The optional last argument of every event method and of `sendEvents`. */
export type InsightsAdditionalEventParams = {
  /**
   * Sent as query parameters. `X-Algolia-Application-Id` and `X-Algolia-API-Key` replace the
   * credentials given to `init` for this call only.
   */
  headers?: Record<string, string>;
  /** Fill missing `objectData[i].queryID` of conversions from remembered clicks and add-to-carts. */
  inferQueryID?: boolean;
};

/** An event method argument: an event (it has an `index`) or the additional parameters. */
export type WithAdditionalParams<TEventType> = InsightsAdditionalEventParams | TEventType;

/** Fields every event method accepts. */
interface EventBase {
  eventName: string;
  userToken?: string;
  authenticatedUserToken?: string;
  timestamp?: number;
  index: string;
}

/** `clickedObjectIDsAfterSearch` input. */
export interface InsightsSearchClickEvent extends EventBase {
  queryID: string;
  objectIDs: string[];
  positions: number[];
}
/** `clickedObjectIDs` input. */
export interface InsightsClickObjectIDsEvent extends EventBase {
  objectIDs: string[];
}
/** `clickedFilters` input. */
export interface InsightsClickFiltersEvent extends EventBase {
  filters: string[];
}
/** `convertedObjectIDsAfterSearch` and `addedToCartObjectIDsAfterSearch` input. */
export interface InsightsSearchConversionEvent extends EventBase {
  queryID: string;
  objectIDs: string[];
  objectData?: InsightsEvent['objectData'];
  value?: InsightsEvent['value'];
  currency?: InsightsEvent['currency'];
}
/** `purchasedObjectIDsAfterSearch` input. */
export type InsightsSearchPurchaseEvent = Omit<InsightsSearchConversionEvent, 'queryID'> & {
  /** @deprecated Use objectData.queryID instead. */
  queryID?: string;
};
/** `convertedObjectIDs`, `addedToCartObjectIDs` and `purchasedObjectIDs` input. */
export interface InsightsSearchConversionObjectIDsEvent extends EventBase {
  objectIDs: string[];
  objectData?: InsightsEvent['objectData'];
  value?: InsightsEvent['value'];
  currency?: InsightsEvent['currency'];
}
/** `convertedFilters` input. */
export interface InsightsSearchConversionFiltersEvent extends EventBase {
  filters: string[];
}
/** `viewedObjectIDs` input. */
export interface InsightsSearchViewObjectIDsEvent extends EventBase {
  objectIDs: string[];
}
/** `viewedFilters` input. */
export interface InsightsSearchViewFiltersEvent extends EventBase {
  filters: string[];
}

type UserToken = number | string;
type EventMethod<E> = (...params: Array<WithAdditionalParams<E>>) => Promise<boolean>;

/** Every command of `aa(name, ...args)`, as methods of the client. */
export interface InsightsMethods {
  /** Sets credentials and options; see {@link InitParams}. */
  init(options?: InitParams): void;
  /** Returns the search-insights API level (`2.18.0`) and passes it to `callback`. */
  getVersion(callback?: (version: string) => void): string;
  /** Adds a `name (version)` string to the `X-Algolia-Agent` list, once. */
  addAlgoliaAgent(algoliaAgent: string): void;
  /** Sets the user token, fires the change callback, returns the token. Never writes a cookie. */
  setUserToken(userToken: UserToken): UserToken;
  /** Returns the user token and passes it to `callback(null, token)`. */
  // biome-ignore lint/suspicious/noExplicitAny: search-insights' exact signature, for type compatibility.
  getUserToken(options?: any, callback?: (err: any, userToken?: UserToken) => void): UserToken | undefined;
  /** One callback slot; `immediate: true` calls it at once with the current token. */
  onUserTokenChange(callback?: (userToken?: UserToken) => void, options?: { immediate: boolean }): void;
  /**
   * Sets an `anonymous-<uuid>` token. `inMemory: true`: a new one every call, no cookie. Otherwise
   * reuses or writes the `_ALGOLIA` cookie; does nothing when cookies are unavailable.
   */
  setAnonymousUserToken(inMemory?: boolean): void;
  /** Writes the current anonymous token to the `_ALGOLIA` cookie unless one is already there. */
  saveTokenAsCookie(): void;
  /** Sets or clears the authenticated user token; never persisted. */
  setAuthenticatedUserToken(authenticatedUserToken: UserToken | undefined): UserToken | undefined;
  /** Like `getUserToken`, for the authenticated token. */
  getAuthenticatedUserToken(
    // biome-ignore lint/suspicious/noExplicitAny: search-insights' exact signature, for type compatibility.
    options?: any,
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    callback?: (err: any, authenticatedUserToken?: UserToken) => void,
  ): UserToken | undefined;
  /** Like `onUserTokenChange`, for the authenticated token. */
  onAuthenticatedUserTokenChange(
    callback?: (authenticatedUserToken?: UserToken) => void,
    options?: { immediate: boolean },
  ): void;
  /** Sends events as they are; resolves `true` only when the API answered 200. */
  sendEvents(eventData: InsightsEvent[], additionalParams?: InsightsAdditionalEventParams): Promise<boolean>;
  clickedObjectIDsAfterSearch: EventMethod<InsightsSearchClickEvent>;
  clickedObjectIDs: EventMethod<InsightsClickObjectIDsEvent>;
  clickedFilters: EventMethod<InsightsClickFiltersEvent>;
  convertedObjectIDsAfterSearch: EventMethod<InsightsSearchConversionEvent>;
  convertedObjectIDs: EventMethod<InsightsSearchConversionObjectIDsEvent>;
  convertedFilters: EventMethod<InsightsSearchConversionFiltersEvent>;
  viewedObjectIDs: EventMethod<InsightsSearchViewObjectIDsEvent>;
  viewedFilters: EventMethod<InsightsSearchViewFiltersEvent>;
  purchasedObjectIDs: EventMethod<InsightsSearchConversionObjectIDsEvent>;
  purchasedObjectIDsAfterSearch: EventMethod<InsightsSearchPurchaseEvent>;
  addedToCartObjectIDs: EventMethod<InsightsSearchConversionObjectIDsEvent>;
  addedToCartObjectIDsAfterSearch: EventMethod<InsightsSearchConversionEvent>;
}

/** Sightline's commands that search-insights' public method map does not list. */
type ExtraMethodName = 'setAnonymousUserToken' | 'saveTokenAsCookie';

/**
 * `[parameters, return type]` of every search-insights command. Keyed on exactly search-insights'
 * method set: InstantSearch and Autocomplete type `insightsClient` as a generic over that map's
 * keys, and a generic over a larger key set is not assignable to it.
 */
export type InsightsMethodMap = {
  [K in Exclude<keyof InsightsMethods, ExtraMethodName>]: [
    Parameters<InsightsMethods[K]>,
    ReturnType<InsightsMethods[K]>,
  ];
};

/** `[parameters, return type]` of Sightline's extra commands (a separate map, see {@link InsightsMethodMap}). */
export type InsightsExtraMethodMap = {
  [K in ExtraMethodName]: [Parameters<InsightsMethods[K]>, ReturnType<InsightsMethods[K]>];
};

type AnyMethodMap = InsightsMethodMap & InsightsExtraMethodMap;
type MethodType<MethodName extends keyof AnyMethodMap> = (
  method: MethodName,
  ...args: AnyMethodMap[MethodName][0]
) => AnyMethodMap[MethodName][1];

export type Init = MethodType<'init'>;
export type GetVersion = MethodType<'getVersion'>;
export type AddAlgoliaAgent = MethodType<'addAlgoliaAgent'>;
export type SetUserToken = MethodType<'setUserToken'>;
export type GetUserToken = MethodType<'getUserToken'>;
export type OnUserTokenChange = MethodType<'onUserTokenChange'>;
export type SetAuthenticatedUserToken = MethodType<'setAuthenticatedUserToken'>;
export type GetAuthenticatedUserToken = MethodType<'getAuthenticatedUserToken'>;
export type OnAuthenticatedUserTokenChange = MethodType<'onAuthenticatedUserTokenChange'>;
export type SetAnonymousUserToken = MethodType<'setAnonymousUserToken'>;
export type ClickedObjectIDsAfterSearch = MethodType<'clickedObjectIDsAfterSearch'>;
export type ClickedObjectIDs = MethodType<'clickedObjectIDs'>;
export type ClickedFilters = MethodType<'clickedFilters'>;
export type ConvertedObjectIDsAfterSearch = MethodType<'convertedObjectIDsAfterSearch'>;
export type ConvertedObjectIDs = MethodType<'convertedObjectIDs'>;
export type ConvertedFilters = MethodType<'convertedFilters'>;
export type ViewedObjectIDs = MethodType<'viewedObjectIDs'>;
export type ViewedFilters = MethodType<'viewedFilters'>;
export type PurchasedObjectIDs = MethodType<'purchasedObjectIDs'>;
export type PurchasedObjectIDsAfterSearch = MethodType<'purchasedObjectIDsAfterSearch'>;
export type AddedToCartObjectIDs = MethodType<'addedToCartObjectIDs'>;
export type AddedToCartObjectIDsAfterSearch = MethodType<'addedToCartObjectIDsAfterSearch'>;
export type SendEvents = MethodType<'sendEvents'>;

/**
 * The functional interface `aa(name, ...args)`: calls the command and returns its result. An
 * unknown name logs a warning and returns `undefined`.
 */
export type InsightsClient = (<MethodName extends keyof InsightsMethodMap>(
  method: MethodName,
  ...args: InsightsMethodMap[MethodName][0]
) => InsightsMethodMap[MethodName][1]) &
  // The extra commands as their own overload: it keeps the first member identical in shape to
  // search-insights' `InsightsClient`, so `aa` is assignable where that type is expected.
  (<MethodName extends keyof InsightsExtraMethodMap>(
    method: MethodName,
    ...args: InsightsExtraMethodMap[MethodName][0]
  ) => InsightsExtraMethodMap[MethodName][1]) & { version?: string };

/** The search-insights transport seam: POST `data` as JSON to `url`, resolve `true` on HTTP 200. */
export type RequestFnType = (url: string, data: Record<string, unknown>) => Promise<boolean>;

export type { InitParams };
