import type { EventStore } from '../store/event-store.js';
import { type Acl, generateApiKey, generateAppId, hashApiKey, keyPrefix } from './api-keys.js';

/** Credentials made on first start; the keys exist in clear only here, once. */
export interface BootstrapCredentials {
  appId: string;
  /** A key with the `search` ACL: for pages and apps sending events. */
  searchKey: string;
  /** A key with the `admin` ACL: for the dashboard, deletions and management. */
  adminKey: string;
}

/** Creates an application with a key, returning the key in clear (shown once). */
export async function createKeyFor(
  store: EventStore,
  appId: string,
  acl: Acl[],
  description: string,
): Promise<{ key: string; id: number }> {
  const key = generateApiKey();
  const record = await store.createKey({
    appId,
    hash: hashApiKey(key),
    prefix: keyPrefix(key),
    acl,
    description,
  });
  return { key, id: record.id };
}

/**
 * On an empty store, creates the first application with a search-only key and an admin key.
 * Returns them, or null when the store already had an application (then nothing is created).
 */
export async function bootstrapStore(store: EventStore): Promise<BootstrapCredentials | null> {
  const appId = generateAppId();
  const searchKey = generateApiKey();
  const adminKey = generateApiKey();
  const created = await store.bootstrap({ appId, name: 'default' }, [
    {
      appId,
      hash: hashApiKey(searchKey),
      prefix: keyPrefix(searchKey),
      acl: ['search'],
      description: 'search-only (bootstrap)',
    },
    {
      appId,
      hash: hashApiKey(adminKey),
      prefix: keyPrefix(adminKey),
      acl: ['admin'],
      description: 'admin (bootstrap)',
    },
  ]);
  return created ? { appId, searchKey, adminKey } : null;
}
