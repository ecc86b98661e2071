import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * What a credentials file holds: the first-start keys (`serve --credentials-file`, `npm start`) and
 * `url`, the origin of the collector that wrote it, so `sightline replay` goes where the keys work.
 */
export interface SavedCredentials {
  appId?: string;
  searchKey?: string;
  adminKey?: string;
  url?: string;
}

/** The credentials file at `path`: null when there is none; throws when it is not a JSON object. */
export function readCredentialsFile(path: string): SavedCredentials | null {
  if (!existsSync(path)) return null;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SyntaxError('it is not a JSON object');
  const saved = parsed as Record<string, unknown>;
  const text = (key: string) => (typeof saved[key] === 'string' ? (saved[key] as string) : undefined);
  return { appId: text('appId'), searchKey: text('searchKey'), adminKey: text('adminKey'), url: text('url') };
}

/**
 * Records `url` in an existing credentials file (other fields kept; the file stays 0600). Every
 * start does it, since a restart may listen on another port. Returns false when there is no such
 * file or it cannot be rewritten: the collector runs all the same.
 */
export function recordCollectorUrl(path: string, url: string): boolean {
  try {
    if (!existsSync(path)) return false;
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return false;
    if (saved.url === url) return true;
    writeFileSync(path, `${JSON.stringify({ ...saved, url }, null, 2)}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
