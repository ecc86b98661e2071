// The Node transport against real local servers: bytes, ports, deadlines, draining, facts.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightsClient, getRequesterForNode } from '../src/entry/node.js';
import { nodeHttpTransport } from '../src/transport/node-http.js';
import { type CaptureServer, startCaptureServer } from './helpers/capture-server.js';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

describe('Node transport', () => {
  it('sends Content-Length in bytes, so non-ASCII bodies arrive whole', async () => {
    server.requests.length = 0;
    server.hang = false;
    server.status = 200;
    const aa = createInsightsClient(getRequesterForNode());
    aa('init', { appId: 'A', apiKey: 'K', host: server.url, userToken: 'u' });
    const sent = await aa('clickedObjectIDs', {
      eventName: 'Clicked',
      index: 'prodüits-日本',
      objectIDs: ['ß€😀'],
    });
    expect(sent).toBe(true);
    const [request] = server.requests;
    expect(Number(request!.contentLength)).toBe(Buffer.byteLength(request!.text));
    expect(Number(request!.contentLength)).toBeGreaterThan(request!.text.length);
    expect((request!.body as { events: { index: string; objectIDs: string[] }[] }).events[0]).toMatchObject({
      index: 'prodüits-日本',
      objectIDs: ['ß€😀'],
    });
    expect(request!.contentType).toBe('application/json');
  });

  it('works with a host that has a port (the capture server listens on a random one)', async () => {
    expect(new URL(server.url).port).not.toBe('');
    const facts = await nodeHttpTransport()(`${server.url}/1/events?x=1`, '{"events":[]}');
    expect(facts).toEqual({ ok: true, status: 200, retryable: false, retryAfterMs: undefined });
  });

  it('gives up when the server never answers: the deadline really fires', async () => {
    server.hang = true;
    try {
      const facts = await nodeHttpTransport({ timeoutMs: 200 })(`${server.url}/1/events`, '{}');
      expect(facts).toEqual({ ok: false, status: 0, retryable: true, retryAfterMs: undefined });
    } finally {
      server.hang = false;
    }
  });

  it('drains the response body (a large body would otherwise never finish on the server)', async () => {
    let finished!: Promise<void>;
    const big = createServer((req, res: ServerResponse) => {
      req.resume();
      finished = new Promise((resolve) => res.on('finish', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(8 * 1024 * 1024, 32));
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = big.address() as AddressInfo;
      const facts = await nodeHttpTransport()(`http://127.0.0.1:${port}/1/events`, '{}');
      expect(facts.ok).toBe(true);
      await finished;
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });

  it('reports facts: status, retryable, Retry-After', async () => {
    const answer = createServer((req, res) => {
      req.resume();
      const status = Number(new URL(req.url!, 'http://x').searchParams.get('status'));
      res.writeHead(status, status === 429 ? { 'retry-after': '3' } : {});
      res.end();
    });
    await new Promise<void>((resolve) => answer.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(answer.address() as AddressInfo).port}/1/events?status=`;
      const send = nodeHttpTransport();
      expect(await send(`${base}429`, '{}')).toEqual({
        ok: false,
        status: 429,
        retryable: true,
        retryAfterMs: 3000,
      });
      expect(await send(`${base}503`, '{}')).toMatchObject({ ok: false, status: 503, retryable: true });
      expect(await send(`${base}422`, '{}')).toMatchObject({ ok: false, status: 422, retryable: false });
      expect(await send(`${base}202`, '{}')).toMatchObject({ ok: false, status: 202 });
    } finally {
      answer.close();
    }
  });

  it('resolves false (never rejects) when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(getRequesterForNode()(`http://127.0.0.1:${port}/1/events`, { events: [] })).resolves.toBe(
      false,
    );
  });
});
