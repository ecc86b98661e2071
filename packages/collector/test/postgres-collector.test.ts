import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type DebuggerEntry, startCollector } from '../src/index.js';
import { startTestCollector, validEvent } from './helpers/test-collector.js';

const PG_URL = process.env.SIGHTLINE_TEST_DATABASE_URL;
const SCHEMA = `sl_http_${process.pid}_${Date.now().toString(36)}`;
const SKIP = PG_URL
  ? false
  : 'SIGHTLINE_TEST_DATABASE_URL is not set (the test script sets it after starting PostgreSQL)';

describe.skipIf(SKIP !== false)(`the collector on PostgreSQL${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  });

  it('bootstraps, ingests atomically, serves the debugger and deletes a user, like on SQLite', async () => {
    const t = await startTestCollector({ dataFile: undefined, databaseUrl: PG_URL, pgSchema: SCHEMA });
    try {
      expect(t.collector.config.store.kind).toBe('postgres');
      expect(
        (await t.postEvents({ events: [validEvent({ userToken: 'pg-user' }), validEvent()] })).status,
      ).toBe(200);
      expect((await t.postEvents({ events: [validEvent(), validEvent({ index: undefined })] })).status).toBe(
        422,
      );
      const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events');
      expect(entries.map((e) => [e.status, e.accepted])).toEqual([
        [422, false],
        [422, false],
        [200, true],
        [200, true],
      ]);
      expect((await t.request('DELETE', '/1/usertokens/pg-user')).status).toBe(204);
      expect((await t.getJson<{ entries: unknown[] }>('/api/events?userToken=pg-user')).entries).toEqual([]);
    } finally {
      await t.close();
    }
    // A second start on the same schema finds the application: no new bootstrap.
    const again = await startCollector({
      port: 0,
      databaseUrl: PG_URL,
      pgSchema: SCHEMA,
      logLevel: 'silent',
      env: {},
    });
    try {
      expect(again.bootstrap).toBeNull();
    } finally {
      await again.close();
    }
  });

  it('stores and finds values holding U+0000 (as U+FFFD), where PostgreSQL text would refuse them', async () => {
    const t = await startTestCollector({
      dataFile: undefined,
      databaseUrl: PG_URL,
      pgSchema: `${SCHEMA}_nul`,
    });
    try {
      const index = 'shop\u0000products';
      expect((await t.postEvents({ events: [validEvent({ index, userToken: 'nul-user' })] })).status).toBe(
        200,
      );
      // A refused event is recorded too, not a 500.
      expect((await t.postEvents({ events: [validEvent({ userToken: 'bad\u0000token' })] })).status).toBe(
        422,
      );
      for (const query of ['index=shop%00products', 'indexPrefix=shop%00', 'userToken=nul-user']) {
        const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>(`/api/events?${query}`);
        expect(
          entries.map((e) => (e.event as { index: string }).index),
          query,
        ).toEqual([index]);
      }
      expect((await t.request('GET', '/api/events?userTokenPrefix=bad%00')).status).toBe(200);
      expect((await t.request('DELETE', '/1/usertokens/bad%00token')).status).toBe(204);
    } finally {
      await t.close();
    }
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA}_nul CASCADE`);
    await client.end();
  });
});
