import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { CollectorError } from '../src/http/error-registry.js';
import { startCollector } from '../src/index.js';
import type { EventStore, RecordedRequest } from '../src/store/event-store.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'sightline-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function click(receivedAt: number, userToken: string): RecordedRequest {
  return {
    appId: 'APP',
    requestId: `r-${receivedAt}-${userToken}`,
    receivedAt,
    status: 200,
    accepted: true,
    headers: { referer: null, userAgent: null, agent: null },
    device: 'unknown',
    entries: [
      {
        event: {
          eventType: 'click',
          eventName: 'C',
          index: 'p',
          userToken,
          queryID: 'a'.repeat(32),
          objectIDs: ['o'],
          positions: [1],
        },
        errors: [],
      },
    ],
  };
}

async function seedAges(store: EventStore, now: number): Promise<void> {
  for (const [age, token] of [
    [200, 'very-old'],
    [95, 'old'],
    [10, 'recent'],
  ] as const) {
    await store.appendRequest(click(now - age * DAY, token));
    await store.appendSearches('APP', [
      {
        queryID: String(age).padStart(32, '0'),
        index: 'p',
        query: token,
        nbHits: 1,
        userToken: token,
        timestamp: now - age * DAY,
      },
    ]);
  }
}

describe('retention: configuration', () => {
  it('defaults to 90 days and a purge every 10 minutes; flag > env; 0 keeps everything', () => {
    expect(resolveConfig({}, {})).toMatchObject({ retentionDays: 90, purgeIntervalMinutes: 10 });
    expect(resolveConfig({}, { SIGHTLINE_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(resolveConfig({ retentionDays: 0 }, { SIGHTLINE_RETENTION_DAYS: '30' }).retentionDays).toBe(0);
    expect(resolveConfig({}, { SIGHTLINE_PURGE_INTERVAL_MINUTES: '1' }).purgeIntervalMinutes).toBe(1);
    expect(() => resolveConfig({}, { SIGHTLINE_RETENTION_DAYS: '-1' })).toThrow(CollectorError);
    expect(() => resolveConfig({}, { SIGHTLINE_RETENTION_DAYS: 'ninety' })).toThrow(
      /SIGHTLINE_RETENTION_DAYS must be an integer/,
    );
  });
});

describe('retention: purge', () => {
  it('purges events and searches older than the retention period; keeps the rest', async () => {
    const collector = await startCollector({
      port: 0,
      dataFile: join(dir, 'purge.db'),
      logLevel: 'silent',
      env: {},
    });
    try {
      const now = Date.now();
      await seedAges(collector.store, now);
      expect(await collector.purgeExpired()).toEqual({ entries: 2, searches: 2 });
      const left = await collector.store.listEntries('APP', { limit: 10 });
      expect(left.map((e) => (e.event as { userToken: string }).userToken)).toEqual(['recent']);
      expect((await collector.store.listSearches('APP', { limit: 10 })).map((s) => s.query)).toEqual([
        'recent',
      ]);
      expect(await collector.purgeExpired()).toEqual({ entries: 0, searches: 0 });
    } finally {
      await collector.close();
    }
  });

  it('retentionDays 0 keeps everything', async () => {
    const collector = await startCollector({
      port: 0,
      dataFile: join(dir, 'keep.db'),
      logLevel: 'silent',
      retentionDays: 0,
      env: {},
    });
    try {
      await seedAges(collector.store, Date.now());
      expect(await collector.purgeExpired()).toEqual({ entries: 0, searches: 0 });
      expect(await collector.store.countEntries('APP', {})).toBe(3);
    } finally {
      await collector.close();
    }
  });

  it('runs by itself when the collector starts (SIGHTLINE_RETENTION_DAYS from the environment)', async () => {
    const dataFile = join(dir, 'start.db');
    const first = await startCollector({ port: 0, dataFile, logLevel: 'silent', retentionDays: 0, env: {} });
    await seedAges(first.store, Date.now());
    await first.close();

    const logs: string[] = [];
    const second = await startCollector({
      port: 0,
      dataFile,
      logLevel: 'info',
      env: { SIGHTLINE_RETENTION_DAYS: '30' },
      logSink: (line) => logs.push(line),
    });
    try {
      // Wait for the start-up purge's log line (bounded wait; nothing here asserts a duration).
      for (let i = 0; i < 200 && !logs.some((l) => l.includes('retention purge')); i++) await sleep(25);
      const line = JSON.parse(logs.find((l) => l.includes('retention purge'))!);
      expect(line).toMatchObject({ entries: 2, searches: 2 });
      expect(await second.store.countEntries('APP', {})).toBe(1);
    } finally {
      await second.close();
    }
  });
});
