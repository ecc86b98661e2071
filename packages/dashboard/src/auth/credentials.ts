/** What the dashboard authenticates with: an application and a key with the `analytics` ACL. */
export interface Credentials {
  appId: string;
  apiKey: string;
}

/** Where signed-in credentials live: the tab's sessionStorage (gone when the tab closes). */
export const STORAGE_KEY = 'sightline-dashboard-credentials';

/**
 * Reads `#appId=…&apiKey=…`. The fragment never reaches the server or its logs, which is why the
 * start script prints the dashboard URL that way. Returns null when either is missing.
 */
export function credentialsFromFragment(hash: string): Credentials | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const appId = params.get('appId')?.trim();
  const apiKey = params.get('apiKey')?.trim();
  return appId && apiKey ? { appId, apiKey } : null;
}

/** Parses what {@link saveCredentials} stored; null when absent or damaged. */
export function parseStoredCredentials(raw: string | null): Credentials | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Credentials>;
    return typeof value.appId === 'string' && typeof value.apiKey === 'string' && value.appId && value.apiKey
      ? { appId: value.appId, apiKey: value.apiKey }
      : null;
  } catch {
    return null;
  }
}

/** The small part of `Storage` used here, so tests can pass a Map-backed one. */
export type CredentialStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function saveCredentials(storage: CredentialStorage, credentials: Credentials): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function forgetCredentials(storage: CredentialStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Credentials for this page load: the URL fragment wins (and is saved, so a reload keeps the
 * session once the fragment is stripped), then the session's stored ones.
 */
export function resolveCredentials(
  hash: string,
  storage: CredentialStorage,
): { credentials: Credentials | null; fromFragment: boolean } {
  const fromFragment = credentialsFromFragment(hash);
  if (fromFragment) {
    saveCredentials(storage, fromFragment);
    return { credentials: fromFragment, fromFragment: true };
  }
  return { credentials: parseStoredCredentials(storage.getItem(STORAGE_KEY)), fromFragment: false };
}
