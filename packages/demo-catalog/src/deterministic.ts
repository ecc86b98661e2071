/** Machine-independent helpers: the catalog must come out the same everywhere. */

/**
 * FNV-1a, 32 bits: a fixed, platform-independent hash so the catalog (brands, prices) is the
 * same on every machine and every start. Not for security.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Picks an item of a non-empty list from a seed string. */
export function pick<T>(items: readonly T[], seed: string): T {
  return items[hash32(seed) % items.length]!;
}

/** Orders strings by UTF-16 code units: unlike localeCompare, the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
