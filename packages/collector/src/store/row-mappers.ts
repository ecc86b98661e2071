import type { Acl } from '../apps/api-keys.js';
import type { KeyRecord, TrackedSearch } from './event-store.js';

/**
 * A BIGINT column: SQLite hands back a number, `pg` a string (it never narrows 64-bit integers).
 * Every mapper below goes through `Number()`, so one mapper serves both stores.
 */
type BigIntColumn = number | string;

/** An `api_keys` row, the same columns in SQLite and PostgreSQL. */
export interface KeyRow {
  id: BigIntColumn;
  app_id: string;
  prefix: string;
  acl: string;
  description: string;
  created_at: BigIntColumn;
  revoked_at: BigIntColumn | null;
}

/** Maps an `api_keys` row to the store's {@link KeyRecord}. */
export function toKey(row: KeyRow): KeyRecord {
  return {
    id: Number(row.id),
    appId: row.app_id,
    prefix: row.prefix,
    acl: row.acl.split(',') as Acl[],
    description: row.description,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(Number(row.revoked_at)).toISOString(),
  };
}

/** A `searches` row, the same columns in SQLite and PostgreSQL. */
export interface SearchRow {
  query_id: string;
  index_name: string;
  query: string;
  nb_hits: number;
  user_token: string | null;
  timestamp: BigIntColumn;
  /** JSON array of strings, or NULL (no tags; also every row written before the column existed). */
  analytics_tags: string | null;
}

/** The `analytics_tags` column of a search: a JSON array, or NULL when it has none. */
export function tagsColumn(search: TrackedSearch): string | null {
  return search.analyticsTags && search.analyticsTags.length > 0
    ? JSON.stringify(search.analyticsTags)
    : null;
}

/** Maps a `searches` row to the store's {@link TrackedSearch}. */
export function toSearch(r: SearchRow): TrackedSearch {
  return {
    queryID: r.query_id,
    index: r.index_name,
    query: r.query,
    nbHits: r.nb_hits,
    userToken: r.user_token,
    timestamp: Number(r.timestamp),
    ...(r.analytics_tags === null || r.analytics_tags === undefined
      ? {}
      : { analyticsTags: JSON.parse(r.analytics_tags) as string[] }),
  };
}
