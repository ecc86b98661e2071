import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/replay/generate-dataset.js';
import type { AnalyticsWindow } from '../src/store/analytics-queries.js';
import { SQLITE_LINK_BATCH } from '../src/store/analytics-rollups.js';
import type { EventStore } from '../src/store/event-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { SQLITE_SCHEMA } from '../src/store/sqlite/schema.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { D1, D2, D3, EVENTS, SEARCHES, seedAnalytics } from './helpers/analytics-dataset.js';

const PG_URL = process.env.SIGHTLINE_TEST_DATABASE_URL;
const PG_PREFIX = `sl_rollups_${process.pid}_${Date.now().toString(36)}`;
const DAY = 86_400_000;

const TABLES = [
  'search_stats',
  'search_object_stats',
  'analytics_days',
  'analytics_queries',
  'analytics_day_revenue',
  'analytics_revenue',
  'analytics_hits',
  'analytics_hit_revenue',
  'analytics_query_hits',
  'analytics_query_hit_revenue',
];

/** Key columns; every other rollup column is a number. */
const TEXT_COLUMNS = new Set(['app_id', 'index_name', 'query_id', 'object_id', 'query', 'currency']);

/** A store plus raw SQL on its tables and a way to reopen it (which rebuilds stale rollups). */
interface Backend {
  store: EventStore;
  /** SQLite only: the database file. */
  dataFile?: string;
  sql(text: string): Promise<Record<string, unknown>[]>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-rollups-'));
  const dataFile = join(dir, 'events.db');
  const open = () => openSqliteStore({ dataFile, synchronous: 'NORMAL' });
  const b: Backend = {
    store: open(),
    dataFile,
    async sql(text) {
      const db = new Database(dataFile);
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async reopen() {
      await b.store.close();
      b.store = open();
    },
    async close() {
      await b.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return b;
}

let pgCount = 0;
const pgSchemas: string[] = [];

async function postgresBackend(): Promise<Backend> {
  const schema = `${PG_PREFIX}_${pgCount++}`;
  pgSchemas.push(schema);
  const open = () => openPostgresStore({ databaseUrl: PG_URL as string, schema, poolSize: 2 });
  const b: Backend = {
    store: await open(),
    async sql(text) {
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    async reopen() {
      await b.store.close();
      b.store = await open();
    },
    async close() {
      await b.store.close();
    },
  };
  return b;
}

afterAll(async () => {
  if (!PG_URL || pgSchemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const schema of pgSchemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/**
 * Every rollup row that is not all zeros, in a stable order with numbers normalised (PostgreSQL
 * returns BIGINT as strings; float sums may differ in the last bits with the order of additions).
 */
async function snapshot(b: Backend): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await b.sql(`SELECT * FROM ${table}`);
    out[table] = rows
      .map((row) =>
        Object.entries(row)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, v]) => [k, TEXT_COLUMNS.has(k) ? String(v) : Number(v)] as const),
      )
      .filter((entries) =>
        entries.some(([k, v]) => typeof v === 'number' && v !== 0 && k !== 'day' && k !== 'bucket'),
      )
      .map((entries) =>
        entries.map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v}`).join(' '),
      )
      .sort();
  }
  return out;
}

/** The incrementally kept rollups equal the ones rebuilt from scratch out of the same rows. */
async function expectRollupsMatchRebuild(b: Backend): Promise<void> {
  const incremental = await snapshot(b);
  await b.sql('DELETE FROM analytics_rollup_state');
  await b.reopen();
  expect(incremental).toEqual(await snapshot(b));
}

const window = (appId: string, from = D1, days = 3): AnalyticsWindow => ({
  appId,
  index: 'products',
  from,
  to: from + days * DAY,
});

const BACKENDS = [
  { name: 'sqlite', skip: false as const, open: sqliteBackend },
  {
    name: 'postgres',
    skip: PG_URL ? (false as const) : 'SIGHTLINE_TEST_DATABASE_URL is not set',
    open: postgresBackend,
  },
];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(
    `analytics rollups on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`,
    () => {
      it('equal a rebuild from scratch whatever order events and searches arrive in', async () => {
        const b = await backend.open();
        try {
          // APP: events before searches (seedAnalytics); APP2: searches first, events in two halves.
          await seedAnalytics(b.store, 'APP', 'OTHER');
          await b.store.appendSearches('APP2', SEARCHES);
          const request = (events: unknown[], n: number) => ({
            appId: 'APP2',
            requestId: `r-${n}`,
            receivedAt: D3 + n,
            status: 200,
            accepted: true,
            headers: { referer: null, userAgent: null, agent: null },
            device: 'unknown' as const,
            entries: events.map((event) => ({ event, errors: [] })),
          });
          await b.store.appendRequest(request(EVENTS.slice(0, 5), 1));
          await b.store.appendRequest(request(EVENTS.slice(5), 2));
          const [app, app2] = await Promise.all([
            b.store.analytics.dailyStats(window('APP')),
            b.store.analytics.dailyStats(window('APP2')),
          ]);
          expect(app2).toEqual(app);
          expect(await b.store.analytics.topHits(window('APP2'), { limit: 100, offset: 0 })).toEqual(
            await b.store.analytics.topHits(window('APP'), { limit: 100, offset: 0 }),
          );
          await expectRollupsMatchRebuild(b);
        } finally {
          await b.close();
        }
      });

      it('equal a rebuild when concurrent requests share a transaction (one event per request)', async () => {
        const b = await backend.open();
        try {
          await seedAnalytics(b.store, 'APP', 'OTHER');
          const request = (event: unknown, n: number, accepted = true) => ({
            appId: 'APP2',
            requestId: `c-${n}`,
            receivedAt: D3 + n,
            status: accepted ? 200 : 422,
            accepted,
            headers: { referer: null, userAgent: null, agent: null },
            device: 'unknown' as const,
            entries: [{ event, errors: [] }],
          });
          // Half the searches first; then every event at once (SQLite commits calls made in one
          // turn of the event loop together), a refused copy among them; then the other searches.
          await b.store.appendSearches('APP2', SEARCHES.slice(0, 3));
          await Promise.all([
            ...EVENTS.map((event, n) => b.store.appendRequest(request(event, n))),
            b.store.appendRequest(request(EVENTS[0], 99, false)),
          ]);
          await b.store.appendSearches('APP2', SEARCHES.slice(3));
          expect(await b.store.analytics.dailyStats(window('APP2'))).toEqual(
            await b.store.analytics.dailyStats(window('APP')),
          );
          expect(await b.store.analytics.topHits(window('APP2'), { limit: 100, offset: 0 })).toEqual(
            await b.store.analytics.topHits(window('APP'), { limit: 100, offset: 0 }),
          );
          expect(await b.store.analytics.revenue(window('APP2'))).toEqual(
            await b.store.analytics.revenue(window('APP')),
          );
          // Every event again, together: now each search already has clicks and conversions from
          // an earlier transaction, so "counts once" must see that state.
          await Promise.all(EVENTS.map((event, n) => b.store.appendRequest(request(event, 100 + n))));
          await expectRollupsMatchRebuild(b);
        } finally {
          await b.close();
        }
      });

      it('stay exact when a user token is deleted (searches, events and their links)', async () => {
        const b = await backend.open();
        try {
          await seedAnalytics(b.store, 'APP', 'OTHER');
          const before = await b.store.analytics.dailyStats(window('APP', D1, 1));
          expect(before[0]).toMatchObject({ trackedSearches: 4, searchesWithClick: 2, clickEvents: 3 });
          expect(await b.store.analytics.revenue(window('APP', D1, 1))).toEqual([
            { key: D1 / DAY, currency: 'USD', revenue: 25.5 },
          ]);

          // user-s1 made search s1 (D1) and every event tied to it: two clicks and two purchases.
          await b.store.deleteUserToken('APP', 'user-s1');
          const [d1] = await b.store.analytics.dailyStats(window('APP', D1, 1));
          // Left on D1: s2 (tv, 10 hits, only a refused click), s3 (phone, 5 hits: click C@2+D@25,
          // add-to-cart), s4 (phone, 0 hits: a filters conversion).
          expect(d1).toEqual({
            day: D1 / DAY,
            trackedSearches: 3,
            searchesWithResults: 2,
            searchesWithClick: 1,
            searchesWithoutClick: 1,
            searchesWithConversion: 2,
            searchesWithAddToCart: 1,
            searchesWithPurchase: 0,
            clickEvents: 1,
            conversionEvents: 2,
            addToCartEvents: 1,
            purchaseEvents: 0,
            positionCount: 2,
            positionSum: 27,
          });
          // Its USD revenue is gone entirely (no zero entry left behind); D3's purchase stays.
          const revenue = await b.store.analytics.revenue(window('APP'));
          expect(revenue.sort((x, y) => Number(x.key) - Number(y.key))).toEqual([
            { key: D2 / DAY, currency: 'EUR', revenue: 100 },
            { key: D3 / DAY, currency: 'USD', revenue: 5 },
          ]);
          // Object B was only clicked and bought from s1: it is no top hit any more.
          const hits = await b.store.analytics.topHits(window('APP'), { limit: 100, offset: 0 });
          expect(hits.map((h) => h.objectID).sort()).toEqual(['A', 'C', 'D', 'E', 'F']);
          expect(hits.find((h) => h.objectID === 'A')).toMatchObject({
            trackedSearches: 1,
            searchesWithClick: 1,
            clickEvents: 1,
            purchaseEvents: 1,
          });
          const top = await b.store.analytics.topSearches(window('APP', D1, 1), {
            orderBy: 'searchCount',
            direction: 'desc',
            limit: 10,
            offset: 0,
          });
          expect(top.map((q) => [q.query, q.trackedSearches, q.nbHits])).toEqual([
            ['phone', 2, 3],
            ['tv', 1, 10],
          ]);
          await expectRollupsMatchRebuild(b);
        } finally {
          await b.close();
        }
      });

      it('stay exact through the retention purge, down to nothing', async () => {
        const b = await backend.open();
        try {
          await seedAnalytics(b.store, 'APP', 'OTHER');
          const later = await b.store.analytics.dailyStats(window('APP', D2, 2));
          // Searches made before D2 go; every entry was received on D3 and stays.
          await b.store.purgeBefore(D2, 2);
          while ((await b.store.purgeBefore(D2, 2)).searches > 0);
          expect(await b.store.analytics.dailyStats(window('APP'))).toEqual(later);
          expect(await b.store.analytics.positions(window('APP', D1, 1))).toEqual([]);
          await expectRollupsMatchRebuild(b);

          // Everything goes: links first (with their entries), then the last searches.
          while (Object.values(await b.store.purgeBefore(D3 + DAY, 3)).some((n) => n > 0));
          expect(await b.store.analytics.dailyStats(window('APP'))).toEqual([]);
          expect(await b.store.analytics.revenue(window('APP'))).toEqual([]);
          expect(await b.store.analytics.topHits(window('APP'), { limit: 10, offset: 0 })).toEqual([]);
          expect(
            await b.store.analytics.topSearches(window('APP'), {
              orderBy: 'searchCount',
              direction: 'desc',
              limit: 10,
              offset: 0,
            }),
          ).toEqual([]);
          expect((await snapshot(b)).analytics_days).toEqual([]);
          await expectRollupsMatchRebuild(b);
        } finally {
          await b.close();
        }
      });
    },
  );
}

describe('SQLite link batch (rollups of inserted links, once per transaction)', () => {
  it('reads only the rows of the batch: a rowid range, never a walk of search_links', () => {
    const db = new Database(':memory:');
    try {
      db.exec(SQLITE_SCHEMA);
      for (const sql of SQLITE_LINK_BATCH) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ after: 0 }) as { detail: string }[]).map(
          (row) => row.detail,
        );
        const linkReads = plan.filter((detail) => / l\b/.test(detail));
        expect(linkReads, sql).toEqual(['SEARCH l USING INTEGER PRIMARY KEY (rowid>?)']);
      }
    } finally {
      db.close();
    }
  });

  it('replaces the triggers of a store written by an older version, so later writes keep every rollup exact', async () => {
    const b = await sqliteBackend();
    try {
      await b.store.close();
      // What an older version left: triggers whose bodies miss the newer rollup tables, and
      // rollups of an older definition.
      const old = new Database(b.dataFile as string);
      try {
        for (const [name, when] of [
          ['search_links_rollup_delete', 'AFTER DELETE ON search_links'],
          ['searches_rollup_insert', 'AFTER INSERT ON searches'],
          ['searches_rollup_delete', 'AFTER DELETE ON searches'],
        ]) {
          old.exec(`DROP TRIGGER ${name}; CREATE TRIGGER ${name} ${when} BEGIN SELECT 1; END;`);
        }
        old.exec('UPDATE analytics_rollup_state SET version = 1');
      } finally {
        old.close();
      }
      b.store = openSqliteStore({ dataFile: b.dataFile as string, synchronous: 'NORMAL' });
      // Events before their searches (the search insert trigger adds them), then a user deletion
      // (the delete triggers subtract).
      await seedAnalytics(b.store, 'APP', 'OTHER');
      const before = await snapshot(b);
      expect(before.analytics_query_hits?.length).toBeGreaterThan(0);
      expect((await b.store.deleteUserToken('APP', 'user-s1')).searches).toBe(1);
      expect(await snapshot(b)).not.toEqual(before);
      await expectRollupsMatchRebuild(b);
    } finally {
      await b.close();
    }
  });

  it('leaves no insert trigger on search_links (an old store loses it on open)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-trigger-'));
    const dataFile = join(dir, 'events.db');
    try {
      const db = new Database(dataFile);
      db.exec(SQLITE_SCHEMA);
      db.exec('CREATE TRIGGER search_links_rollup_insert AFTER INSERT ON search_links BEGIN SELECT 1; END;');
      db.close();
      const store = openSqliteStore({ dataFile, synchronous: 'NORMAL' });
      await store.close();
      const check = new Database(dataFile);
      const triggers = check
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .pluck()
        .all();
      check.close();
      expect(triggers).toEqual([
        'search_links_rollup_delete',
        'searches_rollup_delete',
        'searches_rollup_insert',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unsafe bulk load (sightline generate on a new SQLite file)', () => {
  it('ends with the same indexes, triggers and analytics as a store written normally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bulk-'));
    try {
      const options = {
        appId: 'BULK',
        index: 'products',
        events: 3000,
        days: 3,
        seed: 5,
        now: D3 + DAY,
        batchSize: 700,
      };
      const files = { normal: join(dir, 'normal.db'), bulk: join(dir, 'bulk.db') };
      const normal = openSqliteStore({ dataFile: files.normal, synchronous: 'NORMAL' });
      await generateDataset(normal, options);
      await normal.close();
      const bulk = openSqliteStore({ dataFile: files.bulk, synchronous: 'NORMAL', unsafeBulkLoad: true });
      const schemaOf = (file: string) => {
        const db = new Database(file);
        try {
          return db
            .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
            .all();
        } finally {
          db.close();
        }
      };
      // While loading, only the primary keys' automatic indexes are left.
      expect(
        schemaOf(files.bulk).every((o) => String((o as { name: string }).name).startsWith('sqlite_')),
      ).toBe(true);
      await generateDataset(bulk, options);
      await bulk.close();
      expect(schemaOf(files.bulk)).toEqual(schemaOf(files.normal));

      const reopened = [
        openSqliteStore({ dataFile: files.normal, synchronous: 'NORMAL' }),
        openSqliteStore({ dataFile: files.bulk, synchronous: 'NORMAL' }),
      ];
      try {
        const read = (store: EventStore) =>
          Promise.all([
            store.analytics.dailyStats(window('BULK', D1, 4)),
            store.analytics.topHits(window('BULK', D1, 4), { limit: 50, offset: 0 }),
            store.analytics.topSearches(window('BULK', D1, 4), {
              orderBy: 'clickThroughRate',
              direction: 'desc',
              limit: 50,
              offset: 0,
            }),
            // Float sums depend on the order of additions; the API reports money to a millionth.
            store.analytics
              .revenue(window('BULK', D1, 4))
              .then((rows) => rows.map((r) => ({ ...r, revenue: Math.round(r.revenue * 1e6) / 1e6 }))),
            store.analytics.positions(window('BULK', D1, 4)),
          ]);
        const [fromNormal, fromBulk] = await Promise.all(reopened.map(read));
        expect(fromNormal?.[0].reduce((n, d) => n + d.trackedSearches, 0)).toBeGreaterThan(3000);
        expect(fromBulk).toEqual(fromNormal);
      } finally {
        for (const store of reopened) await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
