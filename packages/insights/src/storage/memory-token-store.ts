import type { TokenStore } from '../core/ports.js';

/**
 * A {@link TokenStore} in memory, honouring expiry: for servers and tests, or pages that must not
 * write cookies but want `setAnonymousUserToken()` to keep one token for the client's lifetime.
 */
export function createMemoryTokenStore(now: () => number = Date.now): TokenStore {
  let stored: { token: string; expiresAt: number } | undefined;
  return {
    get() {
      return stored && stored.expiresAt > now() ? stored.token : undefined;
    },
    set(token, expiresAt) {
      stored = { token, expiresAt };
    },
    remove() {
      stored = undefined;
    },
  };
}
