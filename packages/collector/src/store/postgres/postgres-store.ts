import pg from 'pg';
import { deriveSearchLinks, type SearchLink } from '../../analytics/search-links.js';
import { createAnalyticsReader } from '../analytics-queries.js';
import {
  ENTRY_COLUMNS,
  type EntryRow,
  entrySelect,
  entryWhere,
  fromRow,
  type ReadRow,
  toRows,
} from '../entry-columns.js';
import { eventIdsToClaim, withoutDuplicates } from '../event-ids.js';
import type { AppRecord, EventStore, KeyRecord, NewKey, TrackedSearch } from '../event-store.js';
import { type KeyRow, type SearchRow, tagsColumn, toKey, toSearch } from '../row-mappers.js';
import { NulSafeClient } from './nul-safe-client.js';
import { POSTGRES_SCHEMA, SCHEMA_LOCK_KEY } from './schema.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  databaseUrl: string;
  /** Schema holding the tables; created when missing. */
  schema: string;
  poolSize: number;
}

const LINK_COLUMNS = 9;
/** Link rows per INSERT, under PostgreSQL's 65535 bind parameters. */
const LINKS_PER_INSERT = Math.floor(65_535 / LINK_COLUMNS);

/** Rewrites `?` placeholders as `$1, $2, …` (the shared WHERE builder uses `?`). */
function numbered(sql: string, offset = 0): string {
  let n = offset;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Splits rows so one INSERT stays under PostgreSQL's 65535 bind parameters. */
const ROWS_PER_INSERT = Math.floor(65_535 / ENTRY_COLUMNS.length);

/**
 * The PostgreSQL store: the same contract as SQLite, for N collector processes sharing one database.
 * A request's rows go in one transaction, acknowledged only after COMMIT returns.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<EventStore> {
  const pool = new pg.Pool({
    Client: NulSafeClient,
    connectionString: options.databaseUrl,
    max: options.poolSize,
    // Every connection works inside the configured schema, so tests and tenants can share a database.
    options: `-c search_path=${options.schema}`,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  await transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await client.query(POSTGRES_SCHEMA);
  });

  const insertKey = async (client: pg.PoolClient | pg.Pool, key: NewKey): Promise<KeyRecord> => {
    const { rows } = await client.query<KeyRow>(
      `INSERT INTO api_keys (app_id, key_hash, prefix, acl, description, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [key.appId, key.hash, key.prefix, key.acl.join(','), key.description, Date.now()],
    );
    return toKey(rows[0]!);
  };

  return {
    kind: 'postgres',
    async appendRequest(recorded) {
      await transaction(async (client) => {
        // The claim of each eventID commits with its entry, or neither does.
        const ids = eventIdsToClaim(recorded);
        const claimed = ids.length
          ? await client.query<{ event_id: string }>(
              `INSERT INTO event_ids (app_id, event_id, seen_at) SELECT $1, id, $2 FROM unnest($3::text[]) AS id
               ON CONFLICT (app_id, event_id) DO NOTHING RETURNING event_id`,
              [recorded.appId, recorded.receivedAt, ids],
            )
          : { rows: [] };
        const request = withoutDuplicates(recorded, new Set(claimed.rows.map((r) => r.event_id)));
        const rows = toRows(request);
        const derived = request.accepted
          ? request.entries.map((entry) => deriveSearchLinks(entry.event))
          : null;
        const links: unknown[][] = [];
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          const chunk = rows.slice(start, start + ROWS_PER_INSERT);
          const values: unknown[] = [];
          const tuples = chunk.map((row: EntryRow, i) => {
            for (const column of ENTRY_COLUMNS) values.push(row[column]);
            const base = i * ENTRY_COLUMNS.length;
            return `(${ENTRY_COLUMNS.map((_, c) => `$${base + c + 1}`).join(', ')})`;
          });
          const needIds = derived?.slice(start, start + ROWS_PER_INSERT).some((l) => l.length > 0);
          const inserted = await client.query<{ id: string }>(
            `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}${needIds ? ' RETURNING id' : ''}`,
            values,
          );
          // RETURNING gives the rows of a multi-row VALUES insert in the order they were listed.
          if (needIds) {
            inserted.rows.forEach((row, i) => {
              for (const l of (derived![start + i] ?? []) as SearchLink[]) {
                links.push([
                  row.id,
                  request.appId,
                  l.queryID,
                  l.kind,
                  l.counts,
                  l.objectID,
                  l.position,
                  l.currency,
                  l.revenue,
                ]);
              }
            });
          }
        }
        for (let start = 0; start < links.length; start += LINKS_PER_INSERT) {
          const chunk = links.slice(start, start + LINKS_PER_INSERT);
          const tuples = chunk.map(
            (_, i) =>
              `(${Array.from({ length: LINK_COLUMNS }, (_, c) => `$${i * LINK_COLUMNS + c + 1}`).join(', ')})`,
          );
          await client.query(
            `INSERT INTO search_links (entry_id, app_id, query_id, kind, counts, object_id, position, currency, revenue)
             VALUES ${tuples.join(', ')}`,
            chunk.flat(),
          );
        }
      });
    },
    async listEntries(appId, query) {
      const where = entryWhere(appId, query, 'postgres');
      const select = entrySelect(query.maxEventBytes, 'octet_length(event_json)');
      const order = query.order === 'asc' ? 'ASC' : 'DESC';
      const { rows } = await pool.query<ReadRow>(
        numbered(`SELECT ${select.sql} FROM entries ${where.sql} ORDER BY id ${order} LIMIT ?`),
        [...select.params, ...where.params, query.limit],
      );
      return rows.map(fromRow);
    },
    async countEntries(appId, query) {
      const where = entryWhere(appId, query, 'postgres');
      const { rows } = await pool.query<{ n: string }>(
        numbered(`SELECT COUNT(*) AS n FROM entries ${where.sql}`),
        where.params,
      );
      return Number(rows[0]!.n);
    },
    async getEntry(appId, id) {
      const { rows } = await pool.query<ReadRow>('SELECT * FROM entries WHERE app_id = $1 AND id = $2', [
        appId,
        id,
      ]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async deleteUserToken(appId, userToken) {
      return transaction(async (client) => {
        await client.query(
          `DELETE FROM search_links WHERE entry_id IN
             (SELECT id FROM entries WHERE app_id = $1 AND (user_token = $2 OR authenticated_user_token = $2))`,
          [appId, userToken],
        );
        const entries = await client.query(
          'DELETE FROM entries WHERE app_id = $1 AND (user_token = $2 OR authenticated_user_token = $2)',
          [appId, userToken],
        );
        const searches = await client.query('DELETE FROM searches WHERE app_id = $1 AND user_token = $2', [
          appId,
          userToken,
        ]);
        return { entries: entries.rowCount ?? 0, searches: searches.rowCount ?? 0 };
      });
    },
    async appendSearches(appId, searches: TrackedSearch[]) {
      if (searches.length === 0) return;
      const values: unknown[] = [];
      const tuples = searches.map((s, i) => {
        values.push(appId, s.queryID, s.index, s.query, s.nbHits, s.userToken, s.timestamp, tagsColumn(s));
        const b = i * 8;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
      });
      await pool.query(
        `INSERT INTO searches (app_id, query_id, index_name, query, nb_hits, user_token, timestamp, analytics_tags)
         VALUES ${tuples.join(', ')} ON CONFLICT (app_id, query_id) DO NOTHING`,
        values,
      );
    },
    async listSearches(appId, query) {
      const { rows } = await pool.query<SearchRow>(
        'SELECT * FROM searches WHERE app_id = $1 ORDER BY timestamp DESC, query_id LIMIT $2',
        [appId, query.limit],
      );
      return rows.map(toSearch);
    },
    async getSearch(appId, queryID) {
      const { rows } = await pool.query<SearchRow>(
        'SELECT * FROM searches WHERE app_id = $1 AND query_id = $2',
        [appId, queryID],
      );
      return rows[0] ? toSearch(rows[0]) : null;
    },
    analytics: createAnalyticsReader(
      async (sql, params) => (await pool.query(numbered(sql), params)).rows,
      'postgres',
    ),
    async purgeBefore(cutoff, batchSize) {
      return transaction(async (client) => {
        const { rows } = await client.query<{ id: string }>(
          'SELECT id FROM entries WHERE received_at < $1 ORDER BY received_at LIMIT $2',
          [cutoff, batchSize],
        );
        const ids = rows.map((r) => r.id);
        if (ids.length > 0) {
          await client.query('DELETE FROM search_links WHERE entry_id = ANY($1::bigint[])', [ids]);
          await client.query('DELETE FROM entries WHERE id = ANY($1::bigint[])', [ids]);
        }
        // IDs live as long as the entries they guard: an event older than the retention is never resent.
        await client.query(
          'DELETE FROM event_ids WHERE ctid IN (SELECT ctid FROM event_ids WHERE seen_at < $1 LIMIT $2)',
          [cutoff, batchSize],
        );
        const searches = await client.query(
          'DELETE FROM searches WHERE ctid IN (SELECT ctid FROM searches WHERE timestamp < $1 LIMIT $2)',
          [cutoff, batchSize],
        );
        return { entries: ids.length, searches: searches.rowCount ?? 0 };
      });
    },
    async createApp(app) {
      const now = Date.now();
      await pool.query('INSERT INTO apps (app_id, name, created_at) VALUES ($1, $2, $3)', [
        app.appId,
        app.name,
        now,
      ]);
      return { appId: app.appId, name: app.name, createdAt: new Date(now).toISOString() };
    },
    async listApps() {
      const { rows } = await pool.query<{ app_id: string; name: string; created_at: string }>(
        'SELECT * FROM apps ORDER BY created_at, app_id',
      );
      return rows.map(
        (r): AppRecord => ({
          appId: r.app_id,
          name: r.name,
          createdAt: new Date(Number(r.created_at)).toISOString(),
        }),
      );
    },
    async createKey(key) {
      return insertKey(pool, key);
    },
    async listKeys(appId) {
      const { rows } =
        appId === undefined
          ? await pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY id')
          : await pool.query<KeyRow>('SELECT * FROM api_keys WHERE app_id = $1 ORDER BY id', [appId]);
      return rows.map(toKey);
    },
    async revokeKey(id) {
      const result = await pool.query(
        'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
        [Date.now(), id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async findKeyByHash(hash) {
      const { rows } = await pool.query<KeyRow>('SELECT * FROM api_keys WHERE key_hash = $1', [hash]);
      return rows[0] ? toKey(rows[0]) : null;
    },
    async bootstrap(app, keys) {
      return transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
        const existing = await client.query('SELECT 1 FROM apps LIMIT 1');
        if (existing.rowCount) return false;
        await client.query('INSERT INTO apps (app_id, name, created_at) VALUES ($1, $2, $3)', [
          app.appId,
          app.name,
          Date.now(),
        ]);
        for (const key of keys) await insertKey(client, key);
        return true;
      });
    },
    async close() {
      await pool.end();
    },
  };
}
