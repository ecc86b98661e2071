import { createHash, randomBytes, randomInt } from 'node:crypto';

/** What a key may do. `admin` implies every other ACL. */
export type Acl = 'search' | 'analytics' | 'deleteObject' | 'admin';

/** Every ACL, in the order they are listed. */
export const ACLS: readonly Acl[] = ['search', 'analytics', 'deleteObject', 'admin'];

/** Characters of the non-secret prefix stored and listed with each key. */
export const KEY_PREFIX_LENGTH = 6;

/**
 * A new API key: 32 lowercase hex characters (128 random bits), the same shape as Algolia keys so
 * clients that check the format accept it.
 */
export function generateApiKey(): string {
  return randomBytes(16).toString('hex');
}

/** The only form in which a key is stored. SHA-256 is enough: keys are random, not passwords. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The short, non-secret start of a key, shown in listings so people can tell keys apart. */
export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}

const APP_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new application ID: 10 upper-case letters and digits, like Algolia's. */
export function generateAppId(): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += APP_ID_ALPHABET[randomInt(APP_ID_ALPHABET.length)];
  return id;
}

/** Whether a key with `granted` ACLs may use a route needing `needed`. */
export function allows(granted: readonly Acl[], needed: Acl): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** Parses `search,analytics` into ACLs; returns the unknown names when there are any. */
export function parseAcls(list: string): { acls: Acl[]; unknown: string[] } {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const acls = names.filter((n): n is Acl => (ACLS as readonly string[]).includes(n));
  return { acls: [...new Set(acls)], unknown: names.filter((n) => !(ACLS as readonly string[]).includes(n)) };
}
