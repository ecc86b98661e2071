/**
 * A random UUID v4 from the Web Crypto API (`randomUUID` only exists in secure contexts, so
 * `getRandomValues` is the fallback on plain-http pages). Never `Math.random`: tokens must not
 * collide between users. Returns undefined when no Web Crypto is available.
 */
export function createUUID(source: Crypto | undefined = globalThis.crypto): string | undefined {
  try {
    if (typeof source.randomUUID === 'function') return source.randomUUID();
    const bytes = source.getRandomValues(new Uint8Array(31));
    let i = 0;
    // Each template digit d keeps d's fixed bits and randomises the rest: 4 → version 4, 8 → variant 10xx.
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
      (+d ^ (bytes[i++]! & (15 >> (+d / 4)))).toString(16),
    );
  } catch {
    return undefined;
  }
}
