import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the capture server saw it. */
export interface Captured {
  method: string;
  path: string;
  /** Decoded query parameters, in order. */
  query: [string, string][];
  /** The raw query string, to check encoding. */
  rawQuery: string;
  contentType: string | undefined;
  contentLength: string | undefined;
  /** Body bytes as text, and parsed when it is JSON. */
  text: string;
  body: unknown;
}

/** A route the test controls: status to answer, or `hang` to never answer. */
export interface CaptureServer {
  url: string;
  requests: Captured[];
  /** Answers with this status (and body) from now on. */
  status: number;
  hang: boolean;
  /** Extra static pages: path → [content type, body]. */
  pages: Map<string, [string, string]>;
  /** Resolves when `count` requests to /1/events have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A real HTTP server on 127.0.0.1, port 0, that records every POST /1/events. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<IncomingMessage>();
  const state: CaptureServer = {
    url: '',
    requests: [],
    status: 200,
    hang: false,
    pages: new Map(),
    waitFor(count) {
      if (state.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = state.pages.get(url.pathname);
    if (req.method === 'GET' && page) {
      res.writeHead(200, { 'content-type': page[0] });
      res.end(page[1]);
      return;
    }
    if (req.method !== 'POST' && req.method !== 'OPTIONS') {
      res.writeHead(404);
      res.end();
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
      });
      res.end();
      return;
    }
    const raw = await readBody(req);
    const text = raw.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: [...url.searchParams.entries()],
      rawQuery: url.search.slice(1),
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'],
      text,
      body,
    });
    for (const waiter of [...waiters]) {
      if (state.requests.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    if (state.hang) {
      hanging.add(req);
      return;
    }
    res.writeHead(state.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify({ status: state.status, message: state.status === 200 ? 'OK' : 'Nope' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
