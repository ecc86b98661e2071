import type { TokenStore } from '../core/ports.js';

/** Name of the cookie search-insights and Algolia's other libraries share. */
export const COOKIE_NAME = '_ALGOLIA';

/**
 * The `_ALGOLIA` cookie. Every access is guarded: `document.cookie` throws in sandboxed frames
 * and under some privacy settings, and that must never reach the host page. The value is
 * percent-encoded, only this cookie is decoded (a malformed neighbour cannot break the read), and
 * `SameSite=Lax` is explicit so browsers do not warn; `Secure` is added on https pages.
 */
export function createCookieTokenStore(name = COOKIE_NAME): TokenStore {
  const write = (value: string, expiresAt: number) => {
    try {
      // biome-ignore lint/suspicious/noDocumentCookie: the _ALGOLIA cookie must be readable by other Algolia libraries; Cookie Store API is not universal.
      document.cookie = `${name}=${encodeURIComponent(value)}; expires=${new Date(expiresAt).toUTCString()}; path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
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
        const value = `; ${document.cookie}`.split(`; ${name}=`)[1]?.split(';')[0];
        return value && decodeURIComponent(value);
      } catch {
        // unreadable cookies, or a malformed `_ALGOLIA` value: as if absent
      }
    },
    set: write,
    remove: () => write('', 0),
  };
}
