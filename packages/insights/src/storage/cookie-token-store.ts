import type { TokenStore } from '../core/ports.js';

/** Name of the cookie search-insights and Algolia's other libraries share. */
export const COOKIE_NAME = '_ALGOLIA';

/**
 * Attributes of the `_ALGOLIA` cookie beyond search-insights' (which writes no SameSite and no
 * domain), named as the `init` options of the default builds that set them.
 */
export interface CookieAttributes {
  /** `None` also sets `Secure` (browsers drop `SameSite=None` cookies without it). @default 'Lax' */
  cookieSameSite?: 'Lax' | 'Strict' | 'None';
  /** `example.com` shares the cookie with every subdomain. @default undefined (this host only) */
  cookieDomain?: string;
}

/** The drop-in's attributes: `SameSite=Lax`, plus `Secure` on https pages. */
const laxAttributes = () => `; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;

/**
 * The attribute part of the cookie string, from `; domain=…` on. `SameSite=None` gets `Secure`
 * on any page (browsers drop `SameSite=None` cookies without it); other values on https pages.
 */
export function cookieAttributes({ cookieSameSite = 'Lax', cookieDomain }: CookieAttributes): string {
  return `${cookieDomain ? `; domain=${cookieDomain}` : ''}; SameSite=${cookieSameSite}${location.protocol === 'https:' || cookieSameSite === 'None' ? '; Secure' : ''}`;
}

/**
 * Expires the `_ALGOLIA` cookie for this host and for every parent domain: a cookie written with a
 * `cookieDomain` that later settings no longer name (or the other way round) is removed too.
 * Browsers ignore the domains they would not have accepted (public suffixes).
 */
export function expireCookieEverywhere(): void {
  try {
    const expire = (domain: string) => {
      // biome-ignore lint/suspicious/noDocumentCookie: see createCookieTokenStore.
      document.cookie = `${COOKIE_NAME}=;max-age=0;path=/${domain}`;
    };
    expire('');
    location.hostname.split('.').forEach((_, i, labels) => {
      expire(`;domain=${labels.slice(i).join('.')}`);
    });
  } catch {}
}

/**
 * The `_ALGOLIA` cookie. Every access is guarded: `document.cookie` throws in sandboxed frames
 * and under some privacy settings, and that must never reach the host page. The value is
 * percent-encoded, only this cookie is decoded (a malformed neighbour cannot break the read), and
 * `SameSite=Lax` is explicit so browsers do not warn; `Secure` is added on https pages.
 * `attributes` returns the attribute part of the cookie string at each write (see {@link cookieAttributes}).
 */
export function createCookieTokenStore(attributes = laxAttributes): TokenStore {
  const write = (value: string, expiresAt: number) => {
    try {
      // biome-ignore lint/suspicious/noDocumentCookie: the _ALGOLIA cookie must be readable by other Algolia libraries; Cookie Store API is not universal.
      document.cookie = `${COOKIE_NAME}=${encodeURIComponent(value)}; expires=${new Date(expiresAt).toUTCString()}; path=/${attributes()}`;
    } catch {}
  };
  return {
    available() {
      try {
        return navigator.cookieEnabled && document.cookie.length >= 0;
      } catch {
        return false;
      }
    },
    get() {
      try {
        const value = `; ${document.cookie}`.split(`; ${COOKIE_NAME}=`)[1]?.split(';')[0];
        return value && decodeURIComponent(value);
      } catch {
        // unreadable cookies, or a malformed `_ALGOLIA` value: as if absent
      }
    },
    set: write,
    remove: () => write('', 0),
  };
}
