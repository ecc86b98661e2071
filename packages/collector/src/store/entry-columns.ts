import type { EntryIssue, EntryQuery, RecordedRequest, StoredEntry, TruncatedEvent } from './event-store.js';
import { pgText } from './postgres/nul-safe-client.js';
import { prefixRange } from './prefix-range.js';

/** The indexed columns of one entry row, the same in SQLite and PostgreSQL. */
export interface EntryRow {
  app_id: string;
  request_id: string;
  received_at: number;
  status: number;
  accepted: number;
  event_json: string | null;
  errors_json: string;
  index_name: string | null;
  event_type: string | null;
  event_name: string | null;
  user_token: string | null;
  authenticated_user_token: string | null;
  query_id: string | null;
  event_time: number | null;
  referer: string | null;
  user_agent: string | null;
  agent: string | null;
  device: string;
}

/** Column order of {@link EntryRow} for INSERT statements. */
export const ENTRY_COLUMNS = [
  'app_id',
  'request_id',
  'received_at',
  'status',
  'accepted',
  'event_json',
  'errors_json',
  'index_name',
  'event_type',
  'event_name',
  'user_token',
  'authenticated_user_token',
  'query_id',
  'event_time',
  'referer',
  'user_agent',
  'agent',
  'device',
] as const;

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Turns each entry of a request into a row; refused events keep what could be read of them. */
export function toRows(request: RecordedRequest): EntryRow[] {
  return request.entries.map(({ event, errors }) => {
    const e =
      typeof event === 'object' && event !== null && !Array.isArray(event)
        ? (event as Record<string, unknown>)
        : {};
    const timestamp =
      typeof e.timestamp === 'number' && Number.isSafeInteger(e.timestamp) ? e.timestamp : null;
    return {
      app_id: request.appId,
      request_id: request.requestId,
      received_at: request.receivedAt,
      status: request.status,
      accepted: request.accepted ? 1 : 0,
      event_json: event === null || event === undefined ? null : JSON.stringify(event),
      errors_json: JSON.stringify(errors),
      index_name: str(e.index),
      event_type: str(e.eventType),
      event_name: str(e.eventName),
      user_token: str(e.userToken),
      authenticated_user_token: str(e.authenticatedUserToken),
      query_id: str(e.queryID),
      event_time: timestamp ?? (request.accepted ? request.receivedAt : null),
      referer: request.headers.referer,
      user_agent: request.headers.userAgent,
      agent: request.headers.agent,
      device: request.device,
    };
  });
}

/**
 * The column list of an entry query. With `maxEventBytes`, payloads longer than that are not
 * selected at all (`event_json` comes back null with `event_bytes` set), so a list of huge events
 * never loads them. `byteLength` is the dialect's byte length of `event_json`.
 */
export function entrySelect(
  maxEventBytes: number | undefined,
  byteLength: string,
): { sql: string; params: unknown[] } {
  if (maxEventBytes === undefined) return { sql: '*', params: [] };
  const columns = ENTRY_COLUMNS.filter((c) => c !== 'event_json');
  return {
    sql: `id, ${columns.join(', ')}, CASE WHEN ${byteLength} > ? THEN NULL ELSE event_json END AS event_json, CASE WHEN ${byteLength} > ? THEN ${byteLength} ELSE NULL END AS event_bytes`,
    params: [maxEventBytes, maxEventBytes],
  };
}

/** A row read back (ids and times may come back as strings from PostgreSQL). */
export interface ReadRow {
  id: number | string;
  app_id: string;
  request_id: string;
  received_at: number | string;
  status: number;
  accepted: number | boolean;
  event_json: string | null;
  errors_json: string;
  referer: string | null;
  user_agent: string | null;
  agent: string | null;
  device: string;
  /** Set (with `event_json` null) when {@link entrySelect} left out an oversized payload. */
  event_bytes?: number | string | null;
  index_name?: string | null;
  event_type?: string | null;
  event_name?: string | null;
  user_token?: string | null;
  authenticated_user_token?: string | null;
  query_id?: string | null;
  event_time?: number | string | null;
}

/** The stub of an oversized payload, from the indexed columns. */
function truncatedEvent(row: ReadRow): TruncatedEvent {
  const stub: TruncatedEvent = { truncated: true, bytes: Number(row.event_bytes) };
  if (row.event_type != null) stub.eventType = row.event_type;
  if (row.event_name != null) stub.eventName = row.event_name;
  if (row.index_name != null) stub.index = row.index_name;
  if (row.user_token != null) stub.userToken = row.user_token;
  if (row.authenticated_user_token != null) stub.authenticatedUserToken = row.authenticated_user_token;
  if (row.query_id != null) stub.queryID = row.query_id;
  return stub;
}

/** The entry a stored row stands for. */
export function fromRow(row: ReadRow): StoredEntry {
  return {
    id: Number(row.id),
    appId: row.app_id,
    requestId: row.request_id,
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    status: Number(row.status),
    accepted: row.accepted === 1 || row.accepted === true,
    event:
      row.event_json !== null
        ? JSON.parse(row.event_json)
        : row.event_bytes != null
          ? truncatedEvent(row)
          : null,
    errors: JSON.parse(row.errors_json) as EntryIssue[],
    headers: { referer: row.referer, userAgent: row.user_agent, agent: row.agent },
    device: row.device as StoredEntry['device'],
  };
}

/**
 * `column` starts with `prefix`, as a range an index on `column` answers. SQLite compares TEXT
 * code point by code point already; PostgreSQL's `<` follows the database collation (in en_US,
 * "a-c" sorts between "ab" and "ac"), so it gets the byte-wise operators of `text_pattern_ops`,
 * the operator class of its user-token indexes (postgres/schema.ts).
 */
function startsWith(column: string, prefix: string, dialect: SqlDialect): { sql: string; params: string[] } {
  // The bounds must be computed from the value the PostgreSQL store compares (see pgText).
  const { lower, upper } = prefixRange(dialect === 'postgres' ? pgText(prefix) : prefix);
  const [ge, lt] = dialect === 'postgres' ? ['~>=~', '~<~'] : ['>=', '<'];
  return upper === null
    ? { sql: `${column} ${ge} ?`, params: [lower] }
    : { sql: `(${column} ${ge} ? AND ${column} ${lt} ?)`, params: [lower, upper] };
}

/** The SQL flavour a WHERE clause is written for. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The WHERE clause of an entry query, with `?` placeholders (PostgreSQL renumbers them). Both
 * stores build their SQL from this so their filters cannot drift apart.
 */
export function entryWhere(
  appId: string | null,
  query: Omit<EntryQuery, 'limit'>,
  dialect: SqlDialect = 'sqlite',
): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (appId !== null) add('app_id = ?', appId);
  if (query.status === 'accepted') add('accepted = 1');
  if (query.status === 'rejected') add('accepted = 0');
  if (query.index !== undefined) add('index_name = ?', query.index);
  if (query.eventType !== undefined) add('event_type = ?', query.eventType);
  if (query.userToken !== undefined)
    add('(user_token = ? OR authenticated_user_token = ?)', query.userToken, query.userToken);
  if (query.indexPrefix !== undefined) {
    const range = startsWith('index_name', query.indexPrefix, dialect);
    add(range.sql, ...range.params);
  }
  if (query.userTokenPrefix !== undefined) {
    const user = startsWith('user_token', query.userTokenPrefix, dialect);
    const authenticated = startsWith('authenticated_user_token', query.userTokenPrefix, dialect);
    add(`(${user.sql} OR ${authenticated.sql})`, ...user.params, ...authenticated.params);
  }
  if (query.before !== undefined) add('id < ?', query.before);
  if (query.after !== undefined) add('id > ?', query.after);
  if (query.receivedFrom !== undefined) add('received_at >= ?', query.receivedFrom);
  if (query.receivedTo !== undefined) add('received_at <= ?', query.receivedTo);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
