/**
 * A random UUID v4 from `crypto.getRandomValues`, which exists in every context (`randomUUID`
 * needs a secure one, so plain-http pages lack it). Never `Math.random`: tokens must not collide
 * between users. Returns undefined when no Web Crypto is available.
 */
export function createUUID(source?: Crypto): string | undefined {
  try {
    // A missing `crypto` global throws here, as does a missing getRandomValues.
    const bytes = (source ?? crypto).getRandomValues(new Uint8Array(31));
    let i = 0;
    // Each template digit d keeps d's fixed bits and randomises the rest: 4 → version 4, 8 → variant 10xx.
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
      (+d ^ (bytes[i++]! & (15 >> (+d / 4)))).toString(16),
    );
  } catch {
    // no Web Crypto: undefined
  }
}
