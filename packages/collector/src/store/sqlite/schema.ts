import { SQLITE_ROLLUPS } from '../analytics-rollups.js';

/**
 * Fixed planner statistics for `entries`, written on every open (the store never runs ANALYZE).
 * Without statistics SQLite serves a user-token filter (the debugger's, DELETE /1/usertokens) by
 * walking every entry of the application in id order; sampled statistics (`analysis_limit`) see a
 * single application and say the same. What the planner needs is the shape, which is known: one
 * application may hold every row, a user token a handful. `ANALYZE analytics_rollup_state` (one
 * row) creates `sqlite_stat1` when missing; the store reloads the statistics after the schema.
 */
const PLANNER_STATISTICS = `ANALYZE analytics_rollup_state;
DELETE FROM sqlite_stat1 WHERE tbl = 'entries';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('entries', 'entries_app_id', '1000000 1000000 1'),
  ('entries', 'entries_user_token', '1000000 1000000 20'),
  ('entries', 'entries_auth_user_token', '1000000 1000000 20'),
  ('entries', 'entries_received_at', '1000000 2');`;

/** SQLite schema, applied on open (idempotent) in one transaction. Times are ms since the epoch. */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS apps (
  app_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id TEXT NOT NULL REFERENCES apps(app_id),
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  acl TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  event_json TEXT,
  errors_json TEXT NOT NULL,
  index_name TEXT,
  event_type TEXT,
  event_name TEXT,
  user_token TEXT,
  authenticated_user_token TEXT,
  query_id TEXT,
  event_time INTEGER,
  referer TEXT,
  user_agent TEXT,
  agent TEXT,
  device TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_app_id ON entries (app_id, id);
-- Event IDs already stored per app (see store/event-ids.ts); purged with the entries.
CREATE TABLE IF NOT EXISTS event_ids (
  app_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, event_id)
);
CREATE INDEX IF NOT EXISTS event_ids_seen_at ON event_ids (seen_at);
CREATE INDEX IF NOT EXISTS entries_user_token ON entries (app_id, user_token);
CREATE INDEX IF NOT EXISTS entries_auth_user_token ON entries (app_id, authenticated_user_token);
CREATE TABLE IF NOT EXISTS searches (
  app_id TEXT NOT NULL,
  query_id TEXT NOT NULL,
  index_name TEXT NOT NULL,
  query TEXT NOT NULL,
  nb_hits INTEGER NOT NULL,
  user_token TEXT,
  timestamp INTEGER NOT NULL,
  analytics_tags TEXT,
  PRIMARY KEY (app_id, query_id)
);
CREATE INDEX IF NOT EXISTS searches_user_token ON searches (app_id, user_token);
CREATE INDEX IF NOT EXISTS searches_window ON searches (app_id, index_name, timestamp);
CREATE INDEX IF NOT EXISTS searches_time ON searches (timestamp);
CREATE INDEX IF NOT EXISTS entries_received_at ON entries (received_at);
-- One row per (accepted click/conversion event, object, search it names): see analytics/search-links.ts.
CREATE TABLE IF NOT EXISTS search_links (
  entry_id INTEGER NOT NULL,
  app_id TEXT NOT NULL,
  query_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  counts SMALLINT NOT NULL,
  object_id TEXT,
  position INTEGER,
  currency TEXT,
  revenue REAL
);
CREATE INDEX IF NOT EXISTS search_links_query ON search_links (app_id, query_id);
CREATE INDEX IF NOT EXISTS search_links_entry ON search_links (entry_id);
-- Analytics rollups kept by triggers: see store/analytics-rollups.ts.
${SQLITE_ROLLUPS}
${PLANNER_STATISTICS}`;

/**
 * Columns added to existing tables after their first release. `CREATE TABLE IF NOT EXISTS` leaves
 * an older store's table as it was and SQLite has no `ADD COLUMN IF NOT EXISTS`, so the store adds
 * the missing ones on open (`addMissingColumns` in sqlite-store.ts), before applying the schema.
 */
export const SQLITE_ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  // JSON array of the search's analytics tags (POST /1/searches `analyticsTags`), NULL when none.
  { table: 'searches', column: 'analytics_tags', definition: 'TEXT' },
];
