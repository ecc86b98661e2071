import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { printedCredentials, serveBin } from './helpers/binary.js';
import { validEvent } from './helpers/test-collector.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-process-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the collector process', () => {
  it('kill -9 right after a 200 loses nothing that was acknowledged', async () => {
    const dir = tempDir();
    const dataFile = join(dir, 'events.db');
    const server = await serveBin(['--data-file', dataFile, '--log-level', 'warn']);
    const { appId, searchKey } = printedCredentials(server.stderr());
    const url = `${server.url}/1/events?X-Algolia-Application-Id=${appId}&X-Algolia-API-Key=${searchKey}`;
    const acknowledged: string[] = [];
    let killed = false;
    // Four clients post batches concurrently; the process is killed in the very tick a 200 arrives,
    // with the other clients' batches in flight.
    await Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let batch = 0; !killed; batch++) {
          const tokens = Array.from({ length: 25 }, (_, i) => `w${worker}-b${batch}-e${i}`);
          try {
            const res = await fetch(url, {
              method: 'POST',
              body: JSON.stringify({ events: tokens.map((userToken) => validEvent({ userToken })) }),
            });
            if (res.status !== 200) continue;
            acknowledged.push(...tokens);
            if (acknowledged.length >= 1000 && !killed) {
              killed = true;
              server.child.kill('SIGKILL');
            }
          } catch {
            // A connection cut by the kill: that batch was never acknowledged.
          }
        }
      }),
    );
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(acknowledged.length).toBeGreaterThanOrEqual(1000);

    const store = openSqliteStore({ dataFile, synchronous: 'NORMAL' });
    try {
      const stored = await store.listEntries(appId, { status: 'accepted', limit: 10_000 });
      const tokens = new Set(stored.map((e) => (e.event as { userToken: string }).userToken));
      expect(acknowledged.filter((token) => !tokens.has(token))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('SIGTERM lets an in-flight request finish, then exits 0', async () => {
    const dir = tempDir();
    const dataFile = join(dir, 'events.db');
    const server = await serveBin(['--data-file', dataFile, '--log-level', 'debug']);
    const { appId, searchKey } = printedCredentials(server.stderr());
    const body = JSON.stringify({ events: [validEvent({ userToken: 'in-flight' })] });
    const half = Math.floor(body.length / 2);

    // Start a request and send half its body: it is in flight when the signal arrives.
    let firstHalfSent!: () => void;
    const sent = new Promise<void>((resolve) => {
      firstHalfSent = resolve;
    });
    const url = new URL(
      `${server.url}/1/events?X-Algolia-Application-Id=${appId}&X-Algolia-API-Key=${searchKey}`,
    );
    const req = httpRequest(url, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, half), () => firstHalfSent());
    await sent;
    // The server has the request (headers parsed, body half read) before the signal goes out.
    await server.waitForLog(/"msg":"request started","method":"POST","path":"\/1\/events"/);

    server.child.kill('SIGTERM');
    await server.waitForLog(/"msg":"shutting down","inFlight":1/);
    // New connections are refused once shutting down.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    req.end(body.slice(half));

    expect(await response).toEqual({ status: 200, text: '{"status":200,"message":"OK"}' });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toMatch(/"msg":"stopped"/);

    const store = openSqliteStore({ dataFile, synchronous: 'NORMAL' });
    try {
      expect(await store.listEntries(appId, { userToken: 'in-flight', limit: 10 })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
