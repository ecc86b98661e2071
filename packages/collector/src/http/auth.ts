import { type Acl, allows, hashApiKey } from '../apps/api-keys.js';
import type { EventStore, KeyRecord } from '../store/event-store.js';
import type { Credentials } from './credentials.js';
import { CollectorError } from './error-registry.js';

/** The outcome of a successful check: the key and its application. */
export interface Authenticated {
  appId: string;
  key: KeyRecord;
}

/**
 * Checks credentials against the stored key hashes. Missing or unknown (or revoked) key → 401;
 * a known key of another application, or without the route's ACL → 403 (a documented choice: the
 * Insights spec lists only 401, but 403 tells a developer the key is real and what is missing).
 * Found keys are cached for `cacheMs` so the hot path does not query PostgreSQL per request; a
 * revocation therefore takes effect within that time. Unknown and revoked keys are cached too (a
 * negative cache), so a flood of made-up keys costs a map lookup rather than a store query; a key
 * created in another process is thus accepted within `cacheMs` as well.
 */
export function createAuthenticator(store: EventStore, cacheMs: number, now: () => number = Date.now) {
  const cache = new Map<string, { key: KeyRecord | null; until: number }>();

  async function lookup(hash: string): Promise<KeyRecord | null> {
    const hit = cache.get(hash);
    if (hit && hit.until > now()) return hit.key;
    const key = await store.findKeyByHash(hash);
    if (cacheMs > 0) {
      // Bounded: made-up keys can be many, so the whole cache goes when it grows this large.
      if (cache.size >= 10_000) cache.clear();
      cache.set(hash, { key: key && key.revokedAt === null ? key : null, until: now() + cacheMs });
    }
    return key;
  }

  return {
    async authenticate(credentials: Credentials, needed: Acl): Promise<Authenticated> {
      if (credentials.appId === undefined || credentials.apiKey === undefined) {
        const missing = [
          credentials.appId === undefined ? 'application ID' : null,
          credentials.apiKey === undefined ? 'API key' : null,
        ].filter(Boolean);
        throw new CollectorError('AUTH_MISSING', `Missing: ${missing.join(' and ')}.`);
      }
      const key = await lookup(hashApiKey(credentials.apiKey));
      if (!key || key.revokedAt !== null) throw new CollectorError('AUTH_INVALID_KEY');
      if (key.appId !== credentials.appId) {
        // Only a difference of case is spelt out: naming another application's ID to whoever holds
        // a key would hand out the other half of a leaked credential.
        const claimed = credentials.appId.slice(0, 64);
        const sameButCase = key.appId.toLowerCase() === credentials.appId.toLowerCase();
        throw new CollectorError(
          'AUTH_APP_MISMATCH',
          sameButCase
            ? `The request says application ${JSON.stringify(claimed)} but the key belongs to ${JSON.stringify(key.appId)} (they differ only in case).`
            : `The request says application ${JSON.stringify(claimed)}; the key belongs to a different application ID.`,
        );
      }
      if (!allows(key.acl, needed)) {
        throw new CollectorError(
          'AUTH_ACL_MISSING',
          `This route needs ${needed}; the key has ${key.acl.join(', ')}.`,
        );
      }
      return { appId: key.appId, key };
    },
    /** Forgets cached keys (after a revocation in this process). */
    forget(): void {
      cache.clear();
    },
  };
}

/** The authenticator's type. */
export type Authenticator = ReturnType<typeof createAuthenticator>;
