import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { entryWhere, type SqlDialect } from '../src/store/entry-columns.js';
import type { EventStore, RecordedRequest } from '../src/store/event-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { prefixRange } from '../src/store/prefix-range.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const PG_URL = process.env.SIGHTLINE_TEST_DATABASE_URL;
const PG_SCHEMA = `sl_prefix_${process.pid}_${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'sightline-prefix-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.end();
});

describe('prefixRange', () => {
  it.each([
    ['abc', 'abd'],
    ['user-', 'user.'],
    ['a\u{10FFFF}', 'b'],
    ['a\u{10FFFF}\u{10FFFF}', 'b'],
    ['\u{10FFFF}', null],
    ['\uD7FF', '\uE000'],
    ['a😀', 'a😁'],
    ['ü', 'ý'],
  ])('%j → [%j, %j)', (prefix, upper) => {
    expect(prefixRange(prefix)).toEqual({ lower: prefix, upper });
  });
});

/** 6,000 events over 600 user tokens, so a token prefix is selective and an index pays off. */
function requests(): RecordedRequest[] {
  return Array.from({ length: 6 }, (_, r) => ({
    appId: 'APP',
    requestId: `r${r}`,
    receivedAt: Date.UTC(2026, 0, 1) + r,
    status: 200,
    accepted: true,
    headers: { referer: null, userAgent: null, agent: null },
    device: 'unknown' as const,
    entries: Array.from({ length: 1000 }, (_, i) => ({
      event: { eventType: 'view', index: 'products', userToken: `user-${(r * 1000 + i) % 600}` },
      errors: [],
    })),
  }));
}

/** The listEntries statement of the stores, for a `userTokenPrefix` filter. */
function listSql(dialect: SqlDialect): { sql: string; params: unknown[] } {
  const where = entryWhere('APP', { userTokenPrefix: 'user-42' }, dialect);
  let n = 0;
  const sql = `SELECT id FROM entries ${where.sql} ORDER BY id DESC LIMIT 50`;
  return { sql: dialect === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql, params: where.params };
}

async function fill(store: EventStore) {
  for (const request of requests()) await store.appendRequest(request);
  expect(await store.countEntries('APP', { userTokenPrefix: 'user-42' })).toBe(
    // user-42 and user-420 … user-429, ten events each.
    11 * 10,
  );
}

describe('the user-token prefix filter is an index range, not a scan', () => {
  it('SQLite: both token indexes are searched with a range (once the planner has statistics)', async () => {
    const dataFile = join(dir, 'plan.db');
    const store = openSqliteStore({ dataFile, synchronous: 'NORMAL' });
    try {
      await fill(store);
      const db = new Database(dataFile);
      try {
        db.exec('ANALYZE');
        const { sql, params } = listSql('sqlite');
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((row) => row.detail)
          .join('\n');
        expect(plan).toMatch(
          /USING INDEX entries_user_token \(app_id=\? AND user_token>\? AND user_token<\?\)/,
        );
        expect(plan).toMatch(
          /USING INDEX entries_auth_user_token \(app_id=\? AND authenticated_user_token>\? AND authenticated_user_token<\?\)/,
        );
      } finally {
        db.close();
      }
    } finally {
      await store.close();
    }
  });

  it('SQLite: the store writes its own planner statistics, so token filters and user deletion use the token indexes without ANALYZE', async () => {
    const dataFile = join(dir, 'fixed-stats.db');
    const store = openSqliteStore({ dataFile, synchronous: 'NORMAL' });
    await fill(store);
    await store.close();
    const db = new Database(dataFile);
    try {
      const plan = (sql: string, params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((row) => row.detail)
          .join('\n');
      const prefix = listSql('sqlite');
      expect(plan(prefix.sql, prefix.params)).toMatch(
        /USING INDEX entries_user_token \(app_id=\? AND user_token>\? AND user_token<\?\)/,
      );
      const exact = entryWhere('APP', { userToken: 'user-42' }, 'sqlite');
      const exactPlan = plan(`SELECT id FROM entries ${exact.sql} ORDER BY id DESC LIMIT 50`, exact.params);
      expect(exactPlan).toMatch(/USING INDEX entries_user_token \(app_id=\? AND user_token=\?\)/);
      expect(exactPlan).not.toMatch(/entries_app_id/);
      // The statement DELETE /1/usertokens runs (sqlite-store.ts deleteEntries).
      expect(
        plan('DELETE FROM entries WHERE app_id = ? AND (user_token = ? OR authenticated_user_token = ?)', [
          'APP',
          'user-42',
          'user-42',
        ]),
      ).toMatch(/MULTI-INDEX OR[\s\S]*entries_user_token[\s\S]*entries_auth_user_token/);
    } finally {
      db.close();
    }
  });

  it.skipIf(!PG_URL)(
    'PostgreSQL: the text_pattern_ops indexes serve the range and the exact match',
    async () => {
      const store = await openPostgresStore({ databaseUrl: PG_URL!, schema: PG_SCHEMA, poolSize: 2 });
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${PG_SCHEMA}` });
      try {
        await fill(store);
        await client.connect();
        await client.query('ANALYZE entries');
        const explain = async (sql: string, params: unknown[]) =>
          (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params)).rows
            .map((row) => row['QUERY PLAN'])
            .join('\n');
        const { sql, params } = listSql('postgres');
        const range = await explain(sql, params);
        expect(range).toMatch(/Index Scan on entries_user_token_prefix/);
        expect(range).toMatch(/Index Cond: .*user_token ~>=~ .*user_token ~<~/);
        expect(range).toMatch(/Index Scan on entries_auth_user_token_prefix/);
        const exact = await explain(
          'SELECT id FROM entries WHERE app_id = $1 AND (user_token = $2 OR authenticated_user_token = $2)',
          ['APP', 'user-42'],
        );
        expect(exact).toMatch(/Index Scan on entries_user_token_prefix/);
      } finally {
        await client.end();
        await store.close();
      }
    },
  );
});
