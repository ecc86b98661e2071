import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset, newQueryID, replayTraffic } from '../src/index.js';
import { loadQueries } from '../src/replay/queries.js';
import { createRandom, skewedPosition } from '../src/replay/random.js';
import { resolveShopperModel } from '../src/replay/shopper-model.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cleanEnv, runBin } from './helpers/binary.js';
import { startTestCollector } from './helpers/test-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Top {
  searches: { search: string; count: number; clickCount: number }[];
}

describe('newQueryID', () => {
  it('mints 32 lowercase hex characters, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newQueryID()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('shopper model', () => {
  it('is deterministic for a seed and skews click positions to the top', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.hex32())).toEqual(Array.from({ length: 5 }, () => b.hex32()));
    const random = createRandom(7);
    const counts = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const p = skewedPosition(random, 100);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    expect(counts.get(1)!).toBeGreaterThan(counts.get(2)!);
    expect(counts.get(2)!).toBeGreaterThan(counts.get(5)!);
    expect([...counts.keys()].some((p) => p > 20)).toBe(true);
    expect(Math.max(...counts.keys())).toBeLessThanOrEqual(50);
  });

  it('refuses rates outside 0..1 and a conversion rate above the click rate', () => {
    expect(() => resolveShopperModel({ clickRate: 1.5 })).toThrow(/clickRate must be between 0 and 1/);
    expect(() => resolveShopperModel({ clickRate: 0.2, conversionRate: 0.3 })).toThrow(/cannot exceed/);
  });
});

describe('replayTraffic through the real client', () => {
  it('sends what it reports; the Analytics API counts exactly that; the same seed replays the same', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const t = await startTestCollector();
      try {
        const summary = await replayTraffic({
          url: t.url,
          appId: t.appId,
          apiKey: t.searchKey,
          shoppers: 40,
          searchesPerShopper: 5,
          conversionRate: 0.3,
          seed: 11,
        });
        const q = 'index=demo_products';
        const ctr = await t.getJson<{ trackedSearchCount: number; clickCount: number }>(
          `/2/clicks/clickThroughRate?${q}`,
        );
        const carts = await t.getJson<{ addToCartCount: number }>(`/2/conversions/addToCartRate?${q}`);
        const purchases = await t.getJson<{ purchaseCount: number }>(`/2/conversions/purchaseRate?${q}`);
        const revenue = await t.getJson<{ currencies: Record<string, { revenue: number }> }>(
          `/2/conversions/revenue?${q}`,
        );
        const positions = await t.getJson<{ positions: { clickCount: number }[] }>(
          `/2/clicks/positions?${q}`,
        );
        const top = await t.getJson<Top>(`/2/searches?${q}&clickAnalytics=true&limit=3`);
        expect(summary).toMatchObject({ shoppers: 40, searches: 200, failed: 0 });
        expect(ctr.trackedSearchCount).toBe(summary.searches);
        expect(ctr.clickCount).toBe(summary.clicks);
        expect(carts.addToCartCount).toBe(summary.addToCarts);
        expect(purchases.purchaseCount).toBe(summary.purchases);
        expect(summary.purchases).toBeGreaterThan(0);
        expect(revenue.currencies.USD?.revenue).toBeCloseTo(summary.revenue, 6);
        // Skewed to the top: position 1 gets the most clicks.
        const counts = positions.positions.map((p) => p.clickCount);
        expect(counts[0]).toBe(Math.max(...counts));
        // Real popularity: "cooktop" (23 % of the demo's query volume) leads the top searches.
        expect(top.searches[0]!.search).toBe('cooktop');
        // Events went through the real client (its agent is recorded).
        const { entries } = await t.getJson<{ entries: { headers: { agent: string | null } }[] }>(
          '/api/events?limit=1',
        );
        expect(entries[0]!.headers.agent).toMatch(/insights-js/);
        runs.push({ summary, top });
      } finally {
        await t.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('is bounded', async () => {
    await expect(
      replayTraffic({ url: 'http://127.0.0.1:1', appId: 'A', apiKey: 'k', shoppers: 10_001 }),
    ).rejects.toThrow(/shoppers must be an integer from 1 to 10000/);
  });

  it('waits out 429 answers to its search reports (Retry-After), and names the fix when refused for good', async () => {
    let refusals = 2;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/1/searches' && refusals > 0) {
          refusals--;
          res.writeHead(429, { 'retry-after': '0.05', 'content-type': 'application/json' });
          res.end('{"status":429,"message":"Too many requests"}');
          return;
        }
        if (req.url === '/1/searches' && req.headers['x-algolia-api-key'] === 'wrong') {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end('{"status":401,"message":"Invalid credentials"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":200,"message":"OK"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const summary = await replayTraffic({
        url,
        appId: 'A',
        apiKey: 'k',
        shoppers: 1,
        searchesPerShopper: 2,
      });
      expect(refusals).toBe(0);
      expect(summary).toMatchObject({ shoppers: 1, searches: 2, failed: 0 });
      const refused = replayTraffic({ url, appId: 'A', apiKey: 'wrong', shoppers: 1 });
      await expect(refused).rejects.toMatchObject({ code: 'REPLAY_REFUSED' });
      await expect(refused).rejects.toThrow(`POST ${url}/1/searches answered 401: "Invalid credentials".`);
    } finally {
      server.close();
    }
  });

  it('the sightline replay binary: credentials flags, JSON summary, usage errors', async () => {
    const t = await startTestCollector();
    try {
      const ok = await runBin(
        [
          'replay',
          '--url',
          t.url,
          '--app-id',
          t.appId,
          '--api-key',
          t.searchKey,
          '--shoppers',
          '3',
          '--seed',
          '5',
        ],
        cleanEnv(),
      );
      expect(ok.stderr).toMatch(/Replaying to http:\S+ \(--url\)…\nReplayed 3 shoppers: 9 searches/);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ shoppers: 3, searches: 9, failed: 0 });
      const bad = await runBin(
        ['replay', '--url', t.url, '--app-id', t.appId, '--api-key', t.searchKey, '--click-rate', '2'],
        cleanEnv(),
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/CLI_USAGE: .*clickRate must be between 0 and 1/);
      const help = await runBin(['replay', '--help'], cleanEnv());
      expect(help.stdout).toMatch(/Usage: sightline replay/);
    } finally {
      await t.close();
    }
  });
});

describe('sightline replay: where it goes, and why it stopped', () => {
  const coded = (code: string) => new RegExp(`^sightline: ${code}: .+\\. Fix: .+\\S\\n$`);

  /** A port nothing listens on (bound, then closed). */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('takes --url from the credentials file (as npm start writes it); an explicit --url wins', async () => {
    const t = await startTestCollector();
    try {
      const file = join(dir, 'credentials.json');
      writeFileSync(
        file,
        JSON.stringify({ appId: t.appId, searchKey: t.searchKey, adminKey: 'x', url: t.url }),
      );
      const args = ['replay', '--credentials-file', file, '--shoppers', '1', '--searches-per-shopper', '1'];
      const ok = await runBin([...args, '--conversion-rate', '0'], cleanEnv());
      expect(ok.code).toBe(0);
      expect(ok.stderr).toContain(`Replaying to ${t.url} (url of ${file})…`);
      // Singular when there is one.
      expect(ok.stderr).toMatch(/Replayed 1 shopper: 1 search, [01] clicks?, 0 add-to-carts, 0 purchases\./);

      const elsewhere = `http://127.0.0.1:${await closedPort()}`;
      const explicit = await runBin([...args, '--url', elsewhere], cleanEnv());
      expect(explicit.code).toBe(1);
      expect(explicit.stderr).toContain(`Replaying to ${elsewhere} (--url)…`);
      expect(explicit.stderr.split('\n')[1]).toContain(`POST ${elsewhere}/1/searches: connect ECONNREFUSED`);
    } finally {
      await t.close();
    }
  });

  it('an unreachable collector: REPLAY_UNREACHABLE with the URL, the cause and the fix', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runBin(['replay', '--url', url, '--app-id', 'A', '--api-key', 'k'], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const error = run.stderr.split('\n').slice(1).join('\n');
    expect(error).toMatch(coded('REPLAY_UNREACHABLE'));
    expect(error).toContain(`POST ${url}/1/searches: connect ECONNREFUSED 127.0.0.1:`);
    expect(error).toMatch(/Fix: start it \(`npm start` serves on http:\/\/127\.0\.0\.1:4280/);
    expect(error).not.toMatch(/fetch failed/);
  });

  it("a refusal quotes the collector's code and message; another server is named as such", async () => {
    const t = await startTestCollector();
    try {
      const refused = await runBin(
        ['replay', '--url', t.url, '--app-id', t.appId, '--api-key', 'f'.repeat(32)],
        cleanEnv(),
      );
      expect(refused.code).toBe(1);
      const error = refused.stderr.split('\n').slice(1).join('\n');
      expect(error).toMatch(coded('REPLAY_REFUSED'));
      expect(error).toContain(
        `POST ${t.url}/1/searches answered 401 AUTH_INVALID_KEY: "The API key is unknown`,
      );
      expect(error).toMatch(/Fix: give --app-id and --api-key \(a search key\)/);
    } finally {
      await t.close();
    }
    const other = createServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>\n<body>Not Found</body></html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const run = await runBin(['replay', '--url', url, '--app-id', 'A', '--api-key', 'k'], cleanEnv());
      const error = run.stderr.split('\n').slice(1).join('\n');
      expect(error).toMatch(coded('REPLAY_NOT_A_COLLECTOR'));
      expect(error).toContain('answered 404: "<html> <body>Not Found</body></html>".');
    } finally {
      other.close();
    }
  });

  it('events the collector refuses: the summary, then REPLAY_EVENTS_REFUSED, exit 1', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const refuse = req.url?.startsWith('/1/events');
        res.writeHead(refuse ? 422 : 200, { 'content-type': 'application/json' });
        res.end(refuse ? '{"status":422,"message":"Invalid event"}' : '{"status":200,"message":"OK"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await runBin(
        ['replay', '--url', url, '--app-id', 'A', '--api-key', 'k', '--shoppers', '2', '--click-rate', '1'],
        cleanEnv(),
      );
      expect(run.code).toBe(1);
      const summary = JSON.parse(run.stdout);
      expect(summary.failed).toBeGreaterThan(0);
      const lines = run.stderr.split('\n');
      expect(lines[1]).toMatch(/^Replayed 2 shoppers: 6 searches, 0 clicks, 0 add-to-carts, 0 purchases\.$/);
      expect(`${lines.slice(2).join('\n')}`).toMatch(coded('REPLAY_EVENTS_REFUSED'));
      expect(lines[2]).toContain(`${summary.failed} of ${summary.failed} events were not accepted.`);
    } finally {
      server.close();
    }
  });

  it('a credentials file that is not JSON, or a --url that is not http(s), is a usage error', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"appId":');
    const broken = await runBin(['replay', '--credentials-file', file], cleanEnv());
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(coded('CLI_USAGE'));
    expect(broken.stderr).toContain(`${file} is not a credentials file:`);
    const ftp = await runBin(['replay', '--url', 'ftp://x', '--app-id', 'A', '--api-key', 'k'], cleanEnv());
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toMatch(
      /--url must be http\(s\):\/\/host:port \(got "ftp:\/\/x"\)\. Fix: see `sightline replay --help`/,
    );
  });
});

describe('generateDataset (bulk data for benchmark stores)', () => {
  it('writes exactly the asked number of events straight into a store, deterministically', async () => {
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const store = openSqliteStore({ dataFile: join(dir, `gen-${i}.db`), synchronous: 'NORMAL' });
      try {
        const now = Date.UTC(2026, 5, 15, 12);
        const result = await generateDataset(store, {
          appId: 'BENCH',
          events: 5000,
          days: 3,
          seed: 9,
          now,
          queries: loadQueries(),
        });
        expect(result.events).toBe(5000);
        expect(await store.countEntries('BENCH', {})).toBe(5000);
        const stats = await store.analytics.dailyStats({
          appId: 'BENCH',
          index: 'demo_products',
          from: now - 4 * 86_400_000,
          to: now + 86_400_000,
        });
        expect(stats.length).toBeGreaterThanOrEqual(3);
        expect(stats.reduce((n, d) => n + d.trackedSearches, 0)).toBe(result.searches);
        expect(stats.reduce((n, d) => n + d.searchesWithClick, 0)).toBeGreaterThan(0);
        ids.push((await store.listSearches('BENCH', { limit: 20 })).map((s) => s.queryID));
      } finally {
        await store.close();
      }
    }
    expect(ids[1]).toEqual(ids[0]);
  });

  it('receives each event when it happened, so retention purges events with their searches', async () => {
    const store = openSqliteStore({ dataFile: join(dir, 'gen-retention.db'), synchronous: 'NORMAL' });
    try {
      const day = 86_400_000;
      const now = Date.UTC(2026, 5, 15, 12);
      await generateDataset(store, { appId: 'BENCH', events: 2000, days: 4, seed: 3, now, batchSize: 500 });
      const all = await store.listEntries('BENCH', { limit: 5000, order: 'asc' });
      expect(all).toHaveLength(2000);
      const received = (entry: { receivedAt: string }) => Date.parse(entry.receivedAt);
      for (const entry of all) {
        expect(received(entry)).toBe((entry.event as { timestamp: number }).timestamp);
      }
      expect(received(all[0]!)).toBeLessThan(now - 3 * day);
      expect(received(all.at(-1)!)).toBeGreaterThan(now - day);

      // Keep the last two days: what is left of the events still has its searches.
      const cutoff = now - 2 * day;
      while (Object.values(await store.purgeBefore(cutoff, 1000)).some((n) => n === 1000));
      const kept = await store.listEntries('BENCH', { limit: 5000, order: 'asc' });
      expect(kept.length).toBeGreaterThan(500);
      expect(kept.length).toBeLessThan(1500);
      for (const entry of kept) {
        expect(received(entry)).toBeGreaterThanOrEqual(cutoff);
        const queryID = (entry.event as { queryID: string }).queryID;
        expect(await store.getSearch('BENCH', queryID), queryID).not.toBeNull();
      }
    } finally {
      await store.close();
    }
  });
});
