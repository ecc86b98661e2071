import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/apps/api-keys.js';
import type { EventStore, NewKey, RecordedRequest } from '../src/store/event-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const PG_URL = process.env.SIGHTLINE_TEST_DATABASE_URL;
/** Each run works in its own schema, dropped at the end, so parallel runs never collide. */
const PG_SCHEMA = `sl_test_${process.pid}_${Date.now().toString(36)}`;

interface Backend {
  name: string;
  skip: string | false;
  /** A store on a fresh database; `legacySql` runs there first (a store made by an older version). */
  open(legacySql?: string): Promise<EventStore>;
  cleanup(): Promise<void>;
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'sightline-store-'));
let sqliteCount = 0;
const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    open: async (legacySql) => {
      const dataFile = join(sqliteDir, `store-${sqliteCount++}.db`);
      if (legacySql) new Database(dataFile).exec(legacySql).close();
      return openSqliteStore({ dataFile, synchronous: 'NORMAL' });
    },
    cleanup: async () => rmSync(sqliteDir, { recursive: true, force: true }),
  },
  {
    name: 'postgres',
    skip: PG_URL
      ? false
      : 'SIGHTLINE_TEST_DATABASE_URL is not set (the test script sets it after starting PostgreSQL)',
    open: async (legacySql) => {
      // A fresh schema per store keeps the cases independent, like a fresh SQLite file.
      const schema = `${PG_SCHEMA}_${sqliteCount++}`;
      schemas.push(schema);
      if (legacySql) {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}; ${legacySql}`);
        await client.end();
      }
      return openPostgresStore({ databaseUrl: PG_URL!, schema, poolSize: 4 });
    },
    cleanup: async () => {
      if (!PG_URL || schemas.length === 0) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  },
];
const schemas: string[] = [];

function request(overrides: Partial<RecordedRequest> = {}): RecordedRequest {
  return {
    appId: 'APP1',
    requestId: `req-${Math.random()}`,
    receivedAt: Date.now(),
    status: 200,
    accepted: true,
    headers: {
      referer: 'https://shop.example/',
      userAgent: 'Mozilla/5.0 (X11)',
      agent: 'insights-js (2.17.3)',
    },
    device: 'desktop',
    entries: [
      {
        event: { eventType: 'click', eventName: 'C', index: 'products', userToken: 'u1', objectIDs: ['a'] },
        errors: [],
      },
    ],
    ...overrides,
  };
}

function key(appId: string, secret: string, acl: NewKey['acl'] = ['search']): NewKey {
  return { appId, hash: hashApiKey(secret), prefix: secret.slice(0, 6), acl, description: `key ${secret}` };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(
    `EventStore contract: ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
    () => {
      let store: EventStore;
      beforeAll(async () => {
        store = await backend.open();
        await store.bootstrap({ appId: 'APP1', name: 'one' }, [
          key('APP1', 'search-secret-1'),
          key('APP1', 'admin-secret-1', ['admin']),
        ]);
        await store.createApp({ appId: 'APP2', name: 'two' });
      });
      afterAll(async () => {
        await store.close();
        await backend.cleanup();
      });

      it('reports its kind', () => {
        expect(store.kind).toBe(backend.name);
      });

      it('stores an accepted event once per (app, eventID): resends, copies in one request, other apps', async () => {
        // A store of its own, so the entries added here never show up in the other cases' counts.
        const store = await backend.open();
        const event = (id: string, token: string) => ({
          eventType: 'click',
          eventName: 'C',
          index: 'products',
          userToken: token,
          objectIDs: ['a'],
          eventID: id,
        });
        const one = (id: string, token: string) => ({ event: event(id, token), errors: [] });
        await store.appendRequest(request({ entries: [one('id-1', 'dedup'), one('id-2', 'dedup')] }));
        // A retry of the same batch, then a batch repeating id-2 twice next to a new id-3.
        await store.appendRequest(request({ entries: [one('id-1', 'dedup'), one('id-2', 'dedup')] }));
        await store.appendRequest(
          request({ entries: [one('id-2', 'dedup'), one('id-3', 'dedup'), one('id-3', 'dedup')] }),
        );
        const ids = (await store.listEntries('APP1', { userToken: 'dedup', limit: 50 }))
          .map((e) => (e.event as { eventID: string }).eventID)
          .sort();
        expect(ids).toEqual(['id-1', 'id-2', 'id-3']);
        // The same ID in another application is another event.
        await store.appendRequest(request({ appId: 'APP2', entries: [one('id-1', 'dedup')] }));
        expect(await store.listEntries('APP2', { userToken: 'dedup', limit: 50 })).toHaveLength(1);
        // Events without an eventID are never deduplicated.
        const plain = { event: { ...event('', 'plain') }, errors: [] };
        await store.appendRequest(request({ entries: [plain, plain] }));
        expect(await store.listEntries('APP1', { userToken: 'plain', limit: 50 })).toHaveLength(2);
        await store.close();
      });

      it('a refused request claims no eventID: its events are stored when resent and accepted', async () => {
        const store = await backend.open();
        const entry = {
          event: { eventType: 'view', eventName: 'V', index: 'p', userToken: 'refused', eventID: 'r-1' },
          errors: [],
        };
        await store.appendRequest(request({ status: 422, accepted: false, entries: [entry] }));
        await store.appendRequest(request({ entries: [entry] }));
        await store.appendRequest(request({ entries: [entry] }));
        const stored = await store.listEntries('APP1', { userToken: 'refused', limit: 50 });
        expect(stored.map((e) => e.accepted).sort()).toEqual([false, true]);
        await store.close();
      });

      it('round-trips an accepted request: every field of the debugger entry', async () => {
        const receivedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
        const event = {
          eventType: 'view',
          eventName: 'V',
          index: 'products',
          userToken: 'rt',
          objectIDs: ['x'],
          algoliaSource: ['ac'],
          nested: { deep: [1, 'two'] },
        };
        await store.appendRequest(
          request({ requestId: 'round-trip', receivedAt, entries: [{ event, errors: [] }] }),
        );
        const [entry] = await store.listEntries('APP1', { userToken: 'rt', limit: 10 });
        expect(entry).toEqual({
          id: expect.any(Number),
          appId: 'APP1',
          requestId: 'round-trip',
          receivedAt: '2026-01-02T03:04:05.678Z',
          status: 200,
          accepted: true,
          event,
          errors: [],
          headers: {
            referer: 'https://shop.example/',
            userAgent: 'Mozilla/5.0 (X11)',
            agent: 'insights-js (2.17.3)',
          },
          device: 'desktop',
        });
        expect(await store.getEntry('APP1', entry!.id)).toEqual(entry);
        expect(await store.getEntry('APP2', entry!.id)).toBeNull();
      });

      it('records refused requests: culprit issues, collateral entries, body-level entries with a null event', async () => {
        const issue = { code: 'EVENT_NAME_MISSING', field: 'events[1].eventName', message: 'm', fix: 'f' };
        await store.appendRequest(
          request({
            requestId: 'refused',
            status: 422,
            accepted: false,
            entries: [
              { event: { eventType: 'click', userToken: 'ref' }, errors: [] },
              { event: 'not an object', errors: [issue] },
            ],
          }),
        );
        await store.appendRequest(
          request({
            requestId: 'unreadable',
            status: 400,
            accepted: false,
            entries: [{ event: null, errors: [{ ...issue, code: 'BODY_NOT_JSON', field: 'body' }] }],
          }),
        );
        const rejected = await store.listEntries('APP1', { status: 'rejected', limit: 10 });
        expect(rejected.map((e) => [e.requestId, e.status, e.event === null, e.errors.length])).toEqual([
          ['unreadable', 400, true, 1],
          ['refused', 422, false, 1],
          ['refused', 422, false, 0],
        ]);
        expect(rejected[1]!.event).toBe('not an object');
        expect(await store.countEntries('APP1', { status: 'rejected' })).toBe(3);
      });

      it('stores a 1000-event request in one go, in order', async () => {
        const entries = Array.from({ length: 1000 }, (_, i) => ({
          event: {
            eventType: 'click',
            eventName: 'Bulk',
            index: 'bulk',
            userToken: `bulk-${i}`,
            objectIDs: [String(i)],
          },
          errors: [],
        }));
        await store.appendRequest(request({ requestId: 'bulk', entries }));
        const stored = await store.listEntries('APP1', { index: 'bulk', limit: 1000, order: 'asc' });
        expect(stored).toHaveLength(1000);
        expect(stored.map((e) => (e.event as { userToken: string }).userToken)).toEqual(
          entries.map((e) => e.event.userToken),
        );
      });

      it('filters, orders and pages entries within one application', async () => {
        await store.appendRequest(
          request({
            appId: 'APP2',
            entries: [{ event: { eventType: 'click', index: 'products', userToken: 'u1' }, errors: [] }],
          }),
        );
        await store.appendRequest(
          request({
            requestId: 'filters',
            entries: [
              {
                event: {
                  eventType: 'conversion',
                  eventName: 'P',
                  index: 'f-index',
                  userToken: 'f-user',
                  objectIDs: ['a'],
                },
                errors: [],
              },
              {
                event: {
                  eventType: 'view',
                  eventName: 'V',
                  index: 'f-index',
                  userToken: 'anon',
                  authenticatedUserToken: 'f-user',
                  objectIDs: ['b'],
                },
                errors: [],
              },
            ],
          }),
        );
        expect(
          (await store.listEntries('APP1', { index: 'f-index', limit: 10 })).map(
            (e) => (e.event as { eventType: string }).eventType,
          ),
        ).toEqual(['view', 'conversion']);
        expect(
          await store.listEntries('APP1', { index: 'f-index', eventType: 'view', limit: 10 }),
        ).toHaveLength(1);
        expect(await store.listEntries('APP1', { userToken: 'f-user', limit: 10 })).toHaveLength(2);
        expect(await store.listEntries('APP1', { userToken: 'f-', limit: 10 })).toHaveLength(0);
        expect(await store.countEntries('APP1', { index: 'f-index' })).toBe(2);
        const all = await store.listEntries('APP1', { limit: 5000 });
        const ids = all.map((e) => e.id);
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
        const page = await store.listEntries('APP1', { before: ids[1], limit: 2 });
        expect(page.map((e) => e.id)).toEqual([ids[2], ids[3]]);
        const tail = await store.listEntries('APP1', { after: ids[3], limit: 2, order: 'asc' });
        expect(tail.map((e) => e.id)).toEqual([ids[2], ids[1]]);
        const window = await store.listEntries('APP1', {
          receivedFrom: Date.UTC(2026, 0, 2),
          receivedTo: Date.UTC(2026, 0, 3),
          limit: 10,
        });
        expect(window.map((e) => e.requestId)).toEqual(['round-trip']);
        expect(all.every((e) => e.appId === 'APP1')).toBe(true);
        expect((await store.listEntries(null, { limit: 5000 })).some((e) => e.appId === 'APP2')).toBe(true);
        expect(await store.countEntries('APP2', {})).toBe(1);
      });

      it('prefix filters: index and user token (either one) start with the text, case-sensitive, no wildcards', async () => {
        const tokens = [
          'pre-1',
          'pre-12',
          'pre-2',
          'Pre-1',
          'xpre-1',
          'pre_1',
          'pre%1',
          'über-1',
          'pre-1\u{10FFFF}z',
        ];
        await store.appendRequest(
          request({
            appId: 'APP2',
            requestId: 'prefix',
            entries: [
              ...tokens.map((userToken, i) => ({
                event: { eventType: 'view', index: i % 2 === 0 ? 'px-even' : 'px-odd', userToken },
                errors: [],
              })),
              // Only the authenticated token carries the prefix.
              {
                event: {
                  eventType: 'view',
                  index: 'other',
                  userToken: 'anon',
                  authenticatedUserToken: 'pre-9',
                },
                errors: [],
              },
            ],
          }),
        );
        const users = async (userTokenPrefix: string, indexPrefix?: string) => {
          const found = await store.listEntries('APP2', { userTokenPrefix, indexPrefix, limit: 100 });
          return found
            .map((e) => {
              const event = e.event as { userToken: string; authenticatedUserToken?: string };
              return event.authenticatedUserToken ?? event.userToken;
            })
            .sort();
        };
        expect(await users('pre-1')).toEqual(['pre-1', 'pre-12', 'pre-1\u{10FFFF}z']);
        expect(await users('pre-')).toEqual(['pre-1', 'pre-12', 'pre-1\u{10FFFF}z', 'pre-2', 'pre-9']);
        expect(await users('pre_')).toEqual(['pre_1']);
        expect(await users('pre%')).toEqual(['pre%1']);
        expect(await users('ü')).toEqual(['über-1']);
        expect(await users('pre-1\u{10FFFF}')).toEqual(['pre-1\u{10FFFF}z']);
        expect(await users('pre-12', 'px-')).toEqual(['pre-12']);
        expect(await users('pre-1', 'px-e')).toEqual(['pre-1', 'pre-1\u{10FFFF}z']);
        expect(await users('nobody')).toEqual([]);
        expect(await store.countEntries('APP2', { indexPrefix: 'px-' })).toBe(tokens.length);
        expect(await store.countEntries('APP2', { indexPrefix: 'px-odd' })).toBe(4);
        // Scoped to the application like every filter.
        expect(await store.listEntries('APP1', { userTokenPrefix: 'pre-', limit: 10 })).toEqual([]);
      });

      it('deletes a user token (user or authenticated) in one application only, with its searches', async () => {
        await store.appendSearches('APP1', [
          { queryID: 'c'.repeat(32), index: 'p', query: 'q', nbHits: 1, userToken: 'f-user', timestamp: 1 },
        ]);
        await store.appendRequest(
          request({
            appId: 'APP2',
            entries: [{ event: { eventType: 'click', userToken: 'f-user' }, errors: [] }],
          }),
        );
        expect(await store.deleteUserToken('APP1', 'f-user')).toEqual({ entries: 2, searches: 1 });
        expect(await store.listEntries('APP1', { userToken: 'f-user', limit: 10 })).toEqual([]);
        expect(await store.listEntries('APP2', { userToken: 'f-user', limit: 10 })).toHaveLength(1);
        expect(await store.deleteUserToken('APP1', 'f-user')).toEqual({ entries: 0, searches: 0 });
      });

      it('keeps the first tracked search of a queryID, per application', async () => {
        const s = {
          queryID: 'd'.repeat(32),
          index: 'products',
          query: 'tv',
          nbHits: 5,
          userToken: null,
          timestamp: 1000,
        };
        await store.appendSearches('APP1', [s, { ...s, queryID: 'e'.repeat(32), timestamp: 2000 }]);
        await store.appendSearches('APP1', [{ ...s, query: 'changed' }]);
        await store.appendSearches('APP2', [{ ...s, query: 'app2' }]);
        const mine = await store.listSearches('APP1', { limit: 10 });
        expect(mine.find((x) => x.queryID === s.queryID)).toEqual(s);
        expect(mine.map((x) => x.queryID).slice(0, 2)).toEqual(['e'.repeat(32), 'd'.repeat(32)]);
        expect((await store.listSearches('APP2', { limit: 10 })).map((x) => x.query)).toEqual(['app2']);
      });

      it('stores analytics tags with a search (JSON array), none when it has none', async () => {
        const s = { index: 'products', query: 'tv', nbHits: 5, userToken: null, timestamp: 5000 };
        await store.appendSearches('APP1', [
          { ...s, queryID: '1a'.repeat(16), analyticsTags: ['platform:mobile', 'say "hi" \\ ✓'] },
          { ...s, queryID: '1b'.repeat(16), analyticsTags: [] },
          { ...s, queryID: '1c'.repeat(16) },
        ]);
        expect(await store.getSearch('APP1', '1a'.repeat(16))).toEqual({
          ...s,
          queryID: '1a'.repeat(16),
          analyticsTags: ['platform:mobile', 'say "hi" \\ ✓'],
        });
        expect(await store.getSearch('APP1', '1b'.repeat(16))).toEqual({ ...s, queryID: '1b'.repeat(16) });
        expect(await store.getSearch('APP1', '1c'.repeat(16))).toEqual({ ...s, queryID: '1c'.repeat(16) });
        const window = { appId: 'APP1', index: 'products', from: 0, to: 86_400_000 };
        const tracked = async (tag: string) =>
          (await store.analytics.dailyStats({ ...window, tags: { kind: 'tag', tag } }))[0]?.trackedSearches ??
          0;
        expect(await tracked('say "hi" \\ ✓')).toBe(1);
        expect(await tracked('platform')).toBe(0);
      });

      it('adds the analytics_tags column to a store created before it, keeping its searches', async () => {
        const legacy = await backend.open(`
          CREATE TABLE searches (app_id TEXT NOT NULL, query_id TEXT NOT NULL, index_name TEXT NOT NULL,
            query TEXT NOT NULL, nb_hits INTEGER NOT NULL, user_token TEXT, timestamp BIGINT NOT NULL,
            PRIMARY KEY (app_id, query_id));
          INSERT INTO searches VALUES ('APP1', '${'f'.repeat(32)}', 'products', 'old', 3, 'u-old', 1000);`);
        try {
          const old = {
            queryID: 'f'.repeat(32),
            index: 'products',
            query: 'old',
            nbHits: 3,
            userToken: 'u-old',
            timestamp: 1000,
          };
          expect(await legacy.getSearch('APP1', old.queryID)).toEqual(old);
          await legacy.appendSearches('APP1', [
            {
              ...old,
              queryID: 'e'.repeat(32),
              query: 'new',
              timestamp: 2000,
              analyticsTags: ['platform:desktop'],
            },
          ]);
          const window = { appId: 'APP1', index: 'products', from: 0, to: 86_400_000 };
          // The rollups were built from the old row on open; the tag segment sees only the new search.
          expect((await legacy.analytics.dailyStats(window))[0]).toMatchObject({ trackedSearches: 2 });
          const desktop = { ...window, tags: { kind: 'tag' as const, tag: 'platform:desktop' } };
          expect((await legacy.analytics.dailyStats(desktop))[0]).toMatchObject({ trackedSearches: 1 });
        } finally {
          await legacy.close();
        }
      });

      it('apps and keys: create, list, find by hash, revoke', async () => {
        expect((await store.listApps()).map((a) => a.appId)).toEqual(['APP1', 'APP2']);
        const created = await store.createKey(key('APP2', 'app2-secret', ['analytics', 'deleteObject']));
        expect(created).toMatchObject({
          appId: 'APP2',
          prefix: 'app2-s',
          acl: ['analytics', 'deleteObject'],
          revokedAt: null,
        });
        expect(await store.findKeyByHash(hashApiKey('app2-secret'))).toEqual(created);
        expect(await store.findKeyByHash(hashApiKey('nope'))).toBeNull();
        expect((await store.listKeys('APP1')).map((k) => k.acl)).toEqual([['search'], ['admin']]);
        expect(await store.listKeys()).toHaveLength(3);
        expect(await store.revokeKey(created.id)).toBe(true);
        expect(await store.revokeKey(created.id)).toBe(false);
        expect(await store.revokeKey(987654)).toBe(false);
        expect((await store.findKeyByHash(hashApiKey('app2-secret')))!.revokedAt).toEqual(expect.any(String));
        await expect(store.createKey(key('APP1', 'app2-secret'))).rejects.toThrow();
      });

      it('analytics: links are written for accepted events only and join tracked searches', async () => {
        const qid = '7'.repeat(32);
        const day = Date.UTC(2026, 1, 10);
        const window = { appId: 'APP1', index: 'links', from: day, to: day + 86_400_000 };
        const clickOn = (userToken: string) => ({
          eventType: 'click',
          eventName: 'C',
          index: 'links',
          userToken,
          queryID: qid,
          objectIDs: ['a', 'b'],
          positions: [4, 30],
        });
        await store.appendRequest(request({ entries: [{ event: clickOn('links-user'), errors: [] }] }));
        await store.appendRequest(
          request({ accepted: false, status: 422, entries: [{ event: clickOn('links-user'), errors: [] }] }),
        );
        expect(await store.analytics.dailyStats(window)).toEqual([]);
        await store.appendSearches('APP1', [
          {
            queryID: qid,
            index: 'links',
            query: 'q',
            nbHits: 3,
            userToken: 'links-user',
            timestamp: day + 1,
          },
        ]);
        expect(await store.getSearch('APP1', qid)).toMatchObject({ queryID: qid, index: 'links' });
        expect(await store.getSearch('APP2', qid)).toBeNull();
        const [stats] = await store.analytics.dailyStats(window);
        expect(stats).toMatchObject({
          day: day / 86_400_000,
          trackedSearches: 1,
          searchesWithClick: 1,
          clickEvents: 1,
          positionCount: 2,
          positionSum: 34,
        });
        expect(
          (await store.analytics.positions(window))
            .map((p) => [p.bucket, p.clicks])
            .sort((a, b) => a[0]! - b[0]!),
        ).toEqual([
          [4, 1],
          [12, 1],
        ]);
        // Deleting the user removes its events, their links and its searches.
        await store.deleteUserToken('APP1', 'links-user');
        expect(await store.analytics.dailyStats(window)).toEqual([]);
        expect(await store.analytics.positions({ ...window, index: 'links' })).toEqual([]);
      });

      it('purges entries received and searches made before a cutoff, in batches', async () => {
        const purgeStore = await backend.open();
        try {
          const old = Date.UTC(2025, 0, 1);
          const recent = Date.now();
          const qid = '8'.repeat(32);
          const click = {
            eventType: 'click',
            eventName: 'C',
            index: 'purge',
            userToken: 'p',
            queryID: qid,
            objectIDs: ['a'],
            positions: [1],
          };
          for (let i = 0; i < 3; i++) {
            await purgeStore.appendRequest(
              request({ receivedAt: old + i, entries: [{ event: click, errors: [] }] }),
            );
          }
          await purgeStore.appendRequest(
            request({ receivedAt: recent, entries: [{ event: click, errors: [] }] }),
          );
          await purgeStore.appendSearches('APP1', [
            { queryID: qid, index: 'purge', query: 'q', nbHits: 1, userToken: null, timestamp: old },
            {
              queryID: '9'.repeat(32),
              index: 'purge',
              query: 'q',
              nbHits: 1,
              userToken: null,
              timestamp: recent,
            },
          ]);
          const cutoff = Date.UTC(2025, 6, 1);
          expect(await purgeStore.purgeBefore(cutoff, 2)).toEqual({ entries: 2, searches: 1 });
          expect(await purgeStore.purgeBefore(cutoff, 2)).toEqual({ entries: 1, searches: 0 });
          expect(await purgeStore.purgeBefore(cutoff, 2)).toEqual({ entries: 0, searches: 0 });
          expect(await purgeStore.countEntries('APP1', {})).toBe(1);
          expect((await purgeStore.listSearches('APP1', { limit: 10 })).map((s) => s.queryID)).toEqual([
            '9'.repeat(32),
          ]);
          // The recent click's link survives; re-reporting the old search shows exactly one click.
          await purgeStore.appendSearches('APP1', [
            { queryID: qid, index: 'purge', query: 'q', nbHits: 1, userToken: null, timestamp: recent },
          ]);
          const [stats] = await purgeStore.analytics.dailyStats({
            appId: 'APP1',
            index: 'purge',
            from: recent - 86_400_000,
            to: recent + 86_400_000,
          });
          expect(stats).toMatchObject({ trackedSearches: 2, clickEvents: 1 });
        } finally {
          await purgeStore.close();
        }
      });

      it('bootstraps only an empty store, once even when several starts race', async () => {
        expect(await store.bootstrap({ appId: 'LATE', name: 'late' }, [])).toBe(false);
        const empty = await backend.open();
        try {
          const results = await Promise.all(
            [1, 2, 3].map((n) =>
              empty.bootstrap({ appId: `RACE${n}`, name: 'race' }, [key(`RACE${n}`, `race-secret-${n}`)]),
            ),
          );
          expect(results.filter(Boolean)).toHaveLength(1);
          expect(await empty.listApps()).toHaveLength(1);
          expect(await empty.listKeys()).toHaveLength(1);
        } finally {
          await empty.close();
        }
      });
    },
  );
}
