import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BootstrapCredentials } from './bootstrap.js';

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

/** The JSON object stored at `path`: null when there is no file; throws when it is not an object. */
function readObject(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SyntaxError('it is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** The credentials file at `path`: null when there is none; throws when it is not a JSON object. */
export function readCredentialsFile(path: string): SavedCredentials | null {
  const saved = readObject(path);
  if (saved === null) return null;
  const text = (key: string) => (typeof saved[key] === 'string' ? (saved[key] as string) : undefined);
  return { appId: text('appId'), searchKey: text('searchKey'), adminKey: text('adminKey'), url: text('url') };
}

/** Writes a credentials file, readable by the owner only (mode 0600). */
function writeObject(path: string, saved: object): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The credentials file of a collector that listens on `url`: the new keys when `bootstrap` made
 * some, else `url` recorded in the existing file (other fields kept; a restart may listen on
 * another port). A missing or unreadable file is left alone: the collector runs all the same.
 */
export function saveCredentialsFile(path: string, url: string, bootstrap: BootstrapCredentials | null): void {
  if (bootstrap) {
    writeObject(path, { ...bootstrap, url });
    return;
  }
  try {
    const saved = readObject(path);
    if (saved !== null && saved.url !== url) writeObject(path, { ...saved, url });
  } catch {
    // Not ours to repair: whoever reads it reports what is wrong.
  }
}
