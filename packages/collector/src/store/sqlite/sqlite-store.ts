import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { deriveSearchLinks, type SearchLink } from '../../analytics/search-links.js';
import { createAnalyticsReader } from '../analytics-queries.js';
import { SQLITE_LINK_BATCH } from '../analytics-rollups.js';
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
import type {
  AppRecord,
  EventStore,
  KeyRecord,
  NewKey,
  RecordedRequest,
  TrackedSearch,
} from '../event-store.js';
import { type KeyRow, type SearchRow, tagsColumn, toKey, toSearch } from '../row-mappers.js';
import { createGroupCommit } from './group-commit.js';
import { SQLITE_ADDED_COLUMNS, SQLITE_SCHEMA } from './schema.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Path of the database file; created with its folder when missing. */
  dataFile: string;
  /** `synchronous` pragma; the journal is always WAL. */
  synchronous: 'NORMAL' | 'FULL';
  /**
   * Throwaway stores only (`sightline generate` on a file it creates): journal in memory, no syncs, a 1 GB
   * page cache, and no secondary indexes or analytics triggers while the store is open; `close()`
   * applies the schema again, which recreates them and rebuilds the analytics rollups in one pass.
   * A crash or power cut mid-write can corrupt the file.
   */
  unsafeBulkLoad?: boolean;
}

/**
 * Bulk loading: rows go in without index or trigger work; the schema, applied again on close,
 * recreates what is dropped here and (the rollup state being gone) rebuilds the analytics rollups.
 */
function dropForBulkLoad(db: Database.Database): void {
  const objects = db
    .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL")
    .all() as { type: string; name: string }[];
  for (const { type, name } of objects) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
  db.exec('DELETE FROM analytics_rollup_state');
}

/**
 * Applies {@link SQLITE_SCHEMA} in one IMMEDIATE transaction, so a process writing meanwhile never
 * sees a trigger dropped and not yet recreated, and two processes opening one store rebuild stale
 * rollups once. Then reloads the planner statistics the schema wrote.
 */
function applySchema(db: Database.Database): void {
  db.transaction(() => db.exec(SQLITE_SCHEMA)).immediate();
  db.exec('ANALYZE sqlite_schema');
}

/**
 * Adds the columns of {@link SQLITE_ADDED_COLUMNS} that an existing table lacks (a new store gets
 * them from its CREATE TABLE). Checked again inside an IMMEDIATE transaction, so two processes
 * opening one old file together add each column once; an up-to-date store takes no write lock.
 */
function addMissingColumns(db: Database.Database): void {
  const missing = () =>
    SQLITE_ADDED_COLUMNS.filter(({ table, column }) => {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      return columns.length > 0 && !columns.some((c) => c.name === column);
    });
  if (missing().length === 0) return;
  db.transaction(() => {
    for (const { table, column, definition } of missing()) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }).immediate();
}

/**
 * The SQLite store (better-sqlite3, synchronous). WAL lets CLI commands read and write while the
 * server runs; each write method is one transaction that has committed when its promise resolves.
 * With WAL and synchronous=NORMAL a commit has reached the OS when `run` returns, so it survives a
 * kill of the process; FULL adds an fsync so it also survives a power cut.
 */
export function openSqliteStore(options: SqliteStoreOptions): EventStore {
  mkdirSync(dirname(options.dataFile), { recursive: true });
  // Events hold personal data: a new file is private to its owner (0600 whatever the umask), and
  // SQLite gives the -wal and -shm files the mode of the database file.
  try {
    closeSync(openSync(options.dataFile, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const db = new Database(options.dataFile);
  // A bulk load keeps its rollback journal in memory (better-sqlite3 refuses journal_mode=OFF).
  db.pragma(options.unsafeBulkLoad ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('busy_timeout = 5000');
  // Checkpoints copy the WAL into the database and sync it, blocking the event loop meanwhile: one
  // every 10,000 pages (~40 MB) rather than SQLite's 1,000 lets a sustained ingest spend its time on
  // requests (measured: bench/RESULTS.md, ingest). Readers cope with a WAL of that size.
  db.pragma('wal_autocheckpoint = 10000');
  // 64 MB of page cache (the default is 2 MB): analytics joins and inserts into the random-key
  // indexes (queryIDs, user tokens) stay in memory on stores of millions of events.
  db.pragma('cache_size = -65536');
  if (options.unsafeBulkLoad) {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
  }
  db.pragma('foreign_keys = ON');
  addMissingColumns(db);
  applySchema(db);
  if (options.unsafeBulkLoad) dropForBulkLoad(db);

  const insertEntry = db.prepare(
    `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertLink = db.prepare(
    `INSERT INTO search_links (entry_id, app_id, query_id, kind, counts, object_id, position, currency, revenue)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lastLinkRowid = db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM search_links').pluck();
  // A bulk load rebuilds every rollup when it closes: no per-batch rollup work then.
  const linkBatch = options.unsafeBulkLoad ? [] : SQLITE_LINK_BATCH.map((sql) => db.prepare(sql));
  const appendRows = (rows: EntryRow[], links: SearchLink[][] | null) => {
    rows.forEach((row, i) => {
      const entryId = insertEntry.run(ENTRY_COLUMNS.map((c) => row[c])).lastInsertRowid;
      for (const l of links?.[i] ?? []) {
        insertLink.run(
          entryId,
          row.app_id,
          l.queryID,
          l.kind,
          l.counts,
          l.objectID,
          l.position,
          l.currency,
          l.revenue,
        );
      }
    });
  };
  const claimEventId = db.prepare(
    'INSERT INTO event_ids (app_id, event_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (app_id, event_id) DO NOTHING',
  );
  /** One request's rows; runs inside the caller's transaction. Returns whether it wrote links. */
  const appendOne = (recorded: RecordedRequest): boolean => {
    const fresh = new Set(
      eventIdsToClaim(recorded).filter(
        (id) => claimEventId.run(recorded.appId, id, recorded.receivedAt).changes > 0,
      ),
    );
    const request = withoutDuplicates(recorded, fresh);
    if (request.entries.length === 0) return false;
    appendRows(
      toRows(request),
      request.accepted ? request.entries.map((entry) => deriveSearchLinks(entry.event)) : null,
    );
    return request.accepted;
  };
  // One transaction for several requests: the claim of each eventID commits with its entry, or
  // neither does, and the links they add reach the rollups in one pass before the commit.
  const appendRequests = db.transaction((requests: readonly RecordedRequest[]) => {
    const after = linkBatch.length > 0 ? (lastLinkRowid.get() as number) : 0;
    let linked = false;
    for (const request of requests) linked = appendOne(request) || linked;
    if (linked) for (const statement of linkBatch) statement.run({ after });
  });
  // IMMEDIATE: the transaction reads (the last link rowid) before it writes, and a deferred one could
  // then fail at once with SQLITE_BUSY_SNAPSHOT, not wait, when a CLI process wrote in between.
  const commits = createGroupCommit((requests: readonly RecordedRequest[]) =>
    appendRequests.immediate(requests),
  );
  const selectEntry = db.prepare('SELECT * FROM entries WHERE app_id = ? AND id = ?');
  const deleteLinks = db.prepare(
    `DELETE FROM search_links WHERE entry_id IN
       (SELECT id FROM entries WHERE app_id = ? AND (user_token = ? OR authenticated_user_token = ?))`,
  );
  const deleteEntries = db.prepare(
    'DELETE FROM entries WHERE app_id = ? AND (user_token = ? OR authenticated_user_token = ?)',
  );
  const deleteSearches = db.prepare('DELETE FROM searches WHERE app_id = ? AND user_token = ?');
  const deleteUser = db.transaction((appId: string, token: string) => ({
    links: deleteLinks.run(appId, token, token).changes,
    entries: deleteEntries.run(appId, token, token).changes,
    searches: deleteSearches.run(appId, token).changes,
  }));
  const insertSearch = db.prepare(
    `INSERT INTO searches (app_id, query_id, index_name, query, nb_hits, user_token, timestamp, analytics_tags)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, query_id) DO NOTHING`,
  );
  const appendSearches = db.transaction((appId: string, searches: TrackedSearch[]) => {
    for (const s of searches)
      insertSearch.run(appId, s.queryID, s.index, s.query, s.nbHits, s.userToken, s.timestamp, tagsColumn(s));
  });
  const selectSearch = db.prepare('SELECT * FROM searches WHERE app_id = ? AND query_id = ?');
  const selectOldEntries = db.prepare(
    'SELECT id FROM entries WHERE received_at < ? ORDER BY received_at LIMIT ?',
  );
  const purge = db.transaction((cutoff: number, batchSize: number) => {
    const ids = (selectOldEntries.all(cutoff, batchSize) as { id: number }[]).map((r) => r.id);
    if (ids.length > 0) {
      const list = ids.join(', ');
      db.prepare(`DELETE FROM search_links WHERE entry_id IN (${list})`).run();
      db.prepare(`DELETE FROM entries WHERE id IN (${list})`).run();
    }
    // IDs live as long as the entries they guard: an event older than the retention is never resent.
    db.prepare(
      'DELETE FROM event_ids WHERE rowid IN (SELECT rowid FROM event_ids WHERE seen_at < ? LIMIT ?)',
    ).run(cutoff, batchSize);
    const searches = db
      .prepare('DELETE FROM searches WHERE rowid IN (SELECT rowid FROM searches WHERE timestamp < ? LIMIT ?)')
      .run(cutoff, batchSize).changes;
    return { entries: ids.length, searches };
  });
  const insertApp = db.prepare('INSERT INTO apps (app_id, name, created_at) VALUES (?, ?, ?)');
  const insertKey = db.prepare(
    'INSERT INTO api_keys (app_id, key_hash, prefix, acl, description, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectKeyById = db.prepare('SELECT * FROM api_keys WHERE id = ?');
  const selectKeyByHash = db.prepare('SELECT * FROM api_keys WHERE key_hash = ?');
  const createKey = (key: NewKey): KeyRecord => {
    const info = insertKey.run(
      key.appId,
      key.hash,
      key.prefix,
      key.acl.join(','),
      key.description,
      Date.now(),
    );
    return toKey(selectKeyById.get(info.lastInsertRowid) as KeyRow);
  };
  const bootstrap = db.transaction((app: { appId: string; name: string }, keys: NewKey[]) => {
    if (db.prepare('SELECT 1 FROM apps LIMIT 1').get()) return false;
    insertApp.run(app.appId, app.name, Date.now());
    for (const key of keys) createKey(key);
    return true;
  });

  return {
    kind: 'sqlite',
    appendRequest(request) {
      return commits.add(request);
    },
    async listEntries(appId, query) {
      const where = entryWhere(appId, query);
      const select = entrySelect(query.maxEventBytes, 'length(CAST(event_json AS BLOB))');
      const order = query.order === 'asc' ? 'ASC' : 'DESC';
      const rows = db
        .prepare(`SELECT ${select.sql} FROM entries ${where.sql} ORDER BY id ${order} LIMIT ?`)
        .all(...select.params, ...where.params, query.limit) as ReadRow[];
      return rows.map(fromRow);
    },
    async countEntries(appId, query) {
      const where = entryWhere(appId, query);
      return (
        db.prepare(`SELECT COUNT(*) AS n FROM entries ${where.sql}`).get(...where.params) as { n: number }
      ).n;
    },
    async getEntry(appId, id) {
      const row = selectEntry.get(appId, id) as ReadRow | undefined;
      return row ? fromRow(row) : null;
    },
    async deleteUserToken(appId, userToken) {
      const { entries, searches } = deleteUser(appId, userToken);
      return { entries, searches };
    },
    async appendSearches(appId, searches) {
      appendSearches(appId, searches);
    },
    async listSearches(appId, query) {
      const rows = db
        .prepare('SELECT * FROM searches WHERE app_id = ? ORDER BY timestamp DESC, query_id LIMIT ?')
        .all(appId, query.limit) as SearchRow[];
      return rows.map(toSearch);
    },
    async getSearch(appId, queryID) {
      const row = selectSearch.get(appId, queryID) as SearchRow | undefined;
      return row ? toSearch(row) : null;
    },
    analytics: createAnalyticsReader(
      async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
      'sqlite',
    ),
    async purgeBefore(cutoff, batchSize) {
      return purge(cutoff, batchSize);
    },
    async createApp(app) {
      const now = Date.now();
      insertApp.run(app.appId, app.name, now);
      return { appId: app.appId, name: app.name, createdAt: new Date(now).toISOString() };
    },
    async listApps() {
      const rows = db.prepare('SELECT * FROM apps ORDER BY created_at, app_id').all() as {
        app_id: string;
        name: string;
        created_at: number;
      }[];
      return rows.map(
        (r): AppRecord => ({
          appId: r.app_id,
          name: r.name,
          createdAt: new Date(r.created_at).toISOString(),
        }),
      );
    },
    async createKey(key) {
      return createKey(key);
    },
    async listKeys(appId) {
      const rows = (
        appId === undefined
          ? db.prepare('SELECT * FROM api_keys ORDER BY id').all()
          : db.prepare('SELECT * FROM api_keys WHERE app_id = ? ORDER BY id').all(appId)
      ) as KeyRow[];
      return rows.map(toKey);
    },
    async revokeKey(id) {
      return (
        db
          .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(Date.now(), id).changes > 0
      );
    },
    async findKeyByHash(hash) {
      const row = selectKeyByHash.get(hash) as KeyRow | undefined;
      return row ? toKey(row) : null;
    },
    async bootstrap(app, keys) {
      return bootstrap.immediate(app, keys);
    },
    async close() {
      commits.drain();
      if (db.open && options.unsafeBulkLoad) applySchema(db);
      if (db.open) db.close();
    },
  };
}
