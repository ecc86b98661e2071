import { insightsError, MESSAGES } from './errors.js';

/** A region of Algolia's hosted Insights API. */
export type InsightRegion = 'de' | 'us';

/** Options of `init`. Every field is optional; `undefined` always means "not given". */
export interface InitParams {
  /** Application ID sent as `X-Algolia-Application-Id`. Kept across re-inits until replaced. */
  appId?: string;
  /** Search-only API key sent as `X-Algolia-API-Key`. Kept across re-inits until replaced. */
  apiKey?: string;
  /** When true, nothing is sent or remembered, and the `_ALGOLIA` cookie is removed. @default false */
  userHasOptedOut?: boolean;
  /** Create an in-memory `anonymous-<uuid>` token when an event is sent without one. @default true */
  anonymousUserToken?: boolean;
  /** Persist the anonymous token in the `_ALGOLIA` cookie. @default false */
  useCookie?: boolean;
  /** Cookie lifetime in milliseconds; must be an integer. @default 15552000000 (6 × 30 days) */
  cookieDuration?: number;
  /** Hosted API region: `https://insights.<region>.algolia.io`. @default undefined (insights.algolia.io) */
  region?: InsightRegion;
  /** Endpoint origin, for example your Sightline collector. Wins over `region`. @default undefined */
  host?: string;
  /** Sets the user token (fires the change callback). */
  userToken?: string;
  /** Sets the authenticated user token (fires its change callback). */
  authenticatedUserToken?: string;
  /** Keep the current settings and only change the given ones. @default false */
  partial?: boolean;
}

/**
 * Settings after `init`: the defaults, with every option given laid over them. Options without a
 * default are absent until given; options this type does not name are kept too (an entry's own).
 */
export interface ResolvedSettings {
  appId?: string;
  apiKey?: string;
  userHasOptedOut: boolean;
  anonymousUserToken: boolean;
  useCookie: boolean;
  /** Milliseconds. */
  cookieDuration: number;
  region?: InsightRegion;
  host?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The one place defaults are stated. A non-partial `init` starts again from these. */
export const DEFAULTS: ResolvedSettings = {
  userHasOptedOut: false,
  anonymousUserToken: true,
  useCookie: false,
  /** 6 × 30 days, in milliseconds (Algolia's "six months"). */
  cookieDuration: 6 * 30 * DAY_MS,
};

/**
 * Booleans arrive from HTML attributes and config files as strings; `Boolean('false')` is true,
 * which would silently opt every user out. Read the usual spellings of "no" as false.
 */
export function toBoolean(value: unknown): boolean {
  return typeof value === 'string' ? !/^\s*(false|0|no|off)?\s*$/i.test(value) : Boolean(value);
}

/**
 * Checks `options` and merges them over the previous settings (`partial: true`) or over the
 * defaults. Credentials survive a non-partial re-init, as in search-insights.
 */
export function resolveOptions(options: InitParams, previous: ResolvedSettings): ResolvedSettings {
  const { region, cookieDuration } = options;
  if (region !== undefined && region !== 'de' && region !== 'us') {
    throw insightsError(
      'SL_INIT_REGION',
      MESSAGES && `region must be "de" or "us", got ${region}. Fix: omit it, or use host`,
    );
  }
  if (cookieDuration !== undefined && !Number.isInteger(cookieDuration)) {
    throw insightsError(
      'SL_INIT_COOKIE_DURATION',
      MESSAGES && `cookieDuration must be integer ms, got ${cookieDuration}`,
    );
  }
  return mergeSettings(
    options,
    options.partial ? previous : { ...DEFAULTS, appId: previous.appId, apiKey: previous.apiKey },
    DEFAULTS,
  );
}

/**
 * `base` with every option that `options` gives (not `undefined`) laid over it; booleans (by the
 * default's type) read with {@link toBoolean}. Shared by every resolver of
 * `init` options, so all of them treat partial inits and string booleans alike.
 */
export function mergeSettings<T extends object>(options: object, base: T, defaults: T): T {
  const merged = { ...base } as Record<string, unknown>;
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined)
      merged[key] =
        typeof (defaults as Record<string, unknown>)[key] === 'boolean' ? toBoolean(value) : value;
  }
  return merged as T;
}

/** Endpoint origin: `host`, else the region's host, else the global one. */
export function endpointOf(settings: ResolvedSettings): string {
  // An empty host means "not given", not "relative URL".
  return settings.host || `https://insights${settings.region ? `.${settings.region}` : ''}.algolia.io`;
}
