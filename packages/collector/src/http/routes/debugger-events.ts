import { EVENT_TYPES } from '@sightline/events';
import type { DebuggerEntry, EntryQuery, StoredEntry } from '../../store/event-store.js';
import { LIST_EVENT_MAX_BYTES, sendJsonList, serializeWithinBudget } from '../bounded-list.js';
import { CollectorError } from '../error-registry.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';
import { parseLimit } from './event-log.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function toDebuggerEntry({ appId: _appId, ...entry }: StoredEntry): DebuggerEntry {
  return entry;
}

function parseId(name: string, value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CollectorError(
      'QUERY_PARAM_INVALID',
      `${name} must be an entry id (got ${JSON.stringify(value)}).`,
    );
  }
  return n;
}

function optional(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}

/**
 * `GET /api/events`: the debugger feed, newest first. `index`/`userToken` match exactly,
 * `indexPrefix`/`userTokenPrefix` match the start (what the dashboard's filter fields send, so a
 * partly typed token finds its events). `before=<id>` pages back (follow `nextBefore`);
 * `after=<id>` tails: it returns the oldest `limit` entries newer than that id (still listed newest
 * first), so polling with `after` = the newest id seen walks forward without gaps. A page also ends
 * at ~4 MB (then `nextBefore` is set even below `limit`), and payloads over 64 kB are listed as
 * `{"truncated":true,"bytes":N,…}` stubs: see docs/api.md.
 */
export const listDebuggerEvents: Route = {
  method: 'GET',
  path: '/api/events',
  acl: 'analytics',
  async handle(ctx) {
    const q = ctx.query;
    const status = optional(q.get('status'));
    if (status !== undefined && status !== 'accepted' && status !== 'rejected') {
      throw new CollectorError(
        'QUERY_PARAM_INVALID',
        `status must be accepted or rejected (got ${JSON.stringify(status)}).`,
      );
    }
    const eventType = optional(q.get('eventType'));
    // A subtype or a typo would match nothing, silently: name the types instead.
    if (eventType !== undefined && !(EVENT_TYPES as readonly string[]).includes(eventType)) {
      throw new CollectorError(
        'QUERY_PARAM_INVALID',
        `eventType must be one of ${EVENT_TYPES.join(', ')} (got ${JSON.stringify(eventType)}); subtypes such as purchase are conversions.`,
      );
    }
    const limit = parseLimit(q.get('limit'), DEFAULT_LIMIT, MAX_LIMIT);
    const after = parseId('after', q.get('after'));
    const query: EntryQuery = {
      status,
      index: optional(q.get('index')),
      eventType,
      userToken: optional(q.get('userToken')),
      indexPrefix: optional(q.get('indexPrefix')),
      userTokenPrefix: optional(q.get('userTokenPrefix')),
      before: parseId('before', q.get('before')),
      after,
      limit,
      order: after === undefined ? 'desc' : 'asc',
      maxEventBytes: LIST_EVENT_MAX_BYTES,
    };
    // In store order (oldest first when tailing), so a cut by size keeps the entries next in line.
    const found = (await ctx.services.store.listEntries(ctx.appId, query)).map(toDebuggerEntry);
    const parts = serializeWithinBudget(found);
    const sent = found.slice(0, parts.length);
    if (after === undefined) {
      const full = sent.length === limit || sent.length < found.length;
      sendJsonList(ctx.res, 'entries', parts, { nextBefore: full ? sent[sent.length - 1]!.id : null });
    } else sendJsonList(ctx.res, 'entries', parts.reverse(), { nextBefore: null });
  },
};

/** `GET /api/events/{id}`: one entry of the key's application. */
export const getDebuggerEvent: Route = {
  method: 'GET',
  path: '/api/events/:id',
  acl: 'analytics',
  async handle(ctx) {
    const raw = ctx.params.id ?? '';
    const id = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id)) {
      throw new CollectorError(
        'PATH_PARAM_INVALID',
        `The entry id in /api/events/{id} must be a whole number (got ${JSON.stringify(raw.slice(0, 100))}).`,
      );
    }
    const entry = await ctx.services.store.getEntry(ctx.appId, id);
    if (!entry) throw new CollectorError('ENTRY_NOT_FOUND', `No entry ${id}.`);
    sendJson(ctx.res, 200, toDebuggerEntry(entry));
  },
};
