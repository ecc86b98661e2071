import { POSTGRES_ROLLUPS } from '../analytics-rollups.js';

/** PostgreSQL schema, applied on open under an advisory lock (idempotent). Times are ms since the epoch. */
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS apps (
  app_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  id BIGSERIAL PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(app_id),
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  acl TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE IF NOT EXISTS entries (
  id BIGSERIAL PRIMARY KEY,
  app_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  status INTEGER NOT NULL,
  accepted SMALLINT NOT NULL,
  event_json TEXT,
  errors_json TEXT NOT NULL,
  index_name TEXT,
  event_type TEXT,
  event_name TEXT,
  user_token TEXT,
  authenticated_user_token TEXT,
  query_id TEXT,
  event_time BIGINT,
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
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (app_id, event_id)
);
CREATE INDEX IF NOT EXISTS event_ids_seen_at ON event_ids (seen_at);
-- text_pattern_ops: one index serves both the exact user-token match (deletion, the user timeline)
-- and the debugger's "starts with" filter (~>=~ / ~<~, byte-wise whatever the collation; see
-- entry-columns.ts). Stores made before it had default-opclass indexes: replaced here, once.
CREATE INDEX IF NOT EXISTS entries_user_token_prefix ON entries (app_id, user_token text_pattern_ops);
CREATE INDEX IF NOT EXISTS entries_auth_user_token_prefix ON entries (app_id, authenticated_user_token text_pattern_ops);
DROP INDEX IF EXISTS entries_user_token;
DROP INDEX IF EXISTS entries_auth_user_token;
CREATE TABLE IF NOT EXISTS searches (
  app_id TEXT NOT NULL,
  query_id TEXT NOT NULL,
  index_name TEXT NOT NULL,
  query TEXT NOT NULL,
  nb_hits INTEGER NOT NULL,
  user_token TEXT,
  timestamp BIGINT NOT NULL,
  analytics_tags TEXT,
  PRIMARY KEY (app_id, query_id)
);
-- Added after the first release (JSON array of the search's analytics tags, NULL when none):
-- stores created before it get the column here.
ALTER TABLE searches ADD COLUMN IF NOT EXISTS analytics_tags TEXT;
CREATE INDEX IF NOT EXISTS searches_user_token ON searches (app_id, user_token);
CREATE INDEX IF NOT EXISTS searches_window ON searches (app_id, index_name, timestamp);
CREATE INDEX IF NOT EXISTS searches_time ON searches (timestamp);
CREATE INDEX IF NOT EXISTS entries_received_at ON entries (received_at);
-- One row per (accepted click/conversion event, object, search it names): see analytics/search-links.ts.
CREATE TABLE IF NOT EXISTS search_links (
  entry_id BIGINT NOT NULL,
  app_id TEXT NOT NULL,
  query_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  counts SMALLINT NOT NULL,
  object_id TEXT,
  position INTEGER,
  currency TEXT,
  revenue DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS search_links_query ON search_links (app_id, query_id);
CREATE INDEX IF NOT EXISTS search_links_entry ON search_links (entry_id);
-- Analytics rollups kept by triggers: see store/analytics-rollups.ts.
${POSTGRES_ROLLUPS}`;

/** Key of the advisory lock that serialises schema creation and bootstrap across processes. */
export const SCHEMA_LOCK_KEY = 7_350_114_271;
