import pg from 'pg';

/** A string as PostgreSQL `text` can store it: U+0000 (which it refuses) becomes U+FFFD. */
export function pgText(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return pgText(value);
  return Array.isArray(value) ? value.map(withoutNul) : value;
}

/**
 * A client whose query parameters are {@link pgText}: an event whose index or user token holds
 * U+0000 is stored (the payload's JSON escapes it and keeps it exact), a refused one is recorded,
 * and a filter or `DELETE /1/usertokens` naming one matches what was stored, where PostgreSQL would
 * otherwise fail the whole request with a 500 that clients retry forever. Values derived from a
 * parameter before it reaches here (a prefix's upper bound) must start from `pgText` too.
 */
export class NulSafeClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; only the values change here.
  override query(...args: any[]): any {
    if (Array.isArray(args[1])) args[1] = args[1].map(withoutNul);
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    return (super.query as any)(...args);
  }
}
