import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one `POST /1/events`:
 * - `pass`: forward to the collector, relay the answer;
 * - `drop`: read the request, then close the connection without an answer (nothing stored);
 * - `lose-answer`: forward (the collector stores the events), then close the connection instead
 *   of relaying the answer, so the client must resend events that were in fact stored;
 * - `reset`: a TCP reset before anything is forwarded;
 * - `delay`: wait `DELAY_MS`, then pass;
 * - `hold`: wait until `release()` is called, then pass (a request kept in flight on purpose);
 * - `500`, `503`: answer that status, nothing forwarded;
 * - `429`: answer 429 with `Retry-After: 1`, nothing forwarded.
 */
export type Fault = 'pass' | 'drop' | 'lose-answer' | 'reset' | 'delay' | 'hold' | '500' | '503' | '429';

/** How long a `delay` fault holds a request, in ms. */
export const DELAY_MS = 300;

/** A fault-injecting HTTP proxy on 127.0.0.1 in front of one upstream (the collector). */
export interface FaultProxy {
  url: string;
  /** Faults for the next requests to /1/events, in order; `pass` once empty. */
  faults: Fault[];
  /** Every fault applied so far, in order. */
  applied: Fault[];
  /** Events in each request to /1/events, in the order of `applied` (0 when the body is unreadable). */
  eventCounts: number[];
  /** Static pages served by the proxy itself: path → [content type, body]. */
  pages: Map<string, [string, string]>;
  /** Lets every `hold` request (held now or later) go on to the collector. */
  release(): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Starts the proxy on a random port of 127.0.0.1; it only ever talks to `upstream`. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  if (target.hostname !== '127.0.0.1') throw new Error('the fault proxy only forwards to 127.0.0.1');
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const out = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        async (res) => {
          const answer = await readBody(res);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') headers[name] = value;
          resolve({ status: res.statusCode ?? 502, headers, body: answer });
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state: FaultProxy = {
    url: '',
    faults: [],
    applied: [],
    eventCounts: [],
    pages: new Map(),
    release: () => release(),
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = state.pages.get(path);
    if (req.method === 'GET' && page) {
      res.writeHead(200, { 'content-type': page[0], 'cache-control': 'no-store' });
      res.end(page[1]);
      return;
    }
    const body = await readBody(req);
    const fault: Fault =
      req.method === 'POST' && path === '/1/events' ? (state.faults.shift() ?? 'pass') : 'pass';
    if (req.method === 'POST' && path === '/1/events') {
      state.applied.push(fault);
      let count = 0;
      try {
        count = JSON.parse(body.toString('utf8')).events.length;
      } catch {}
      state.eventCounts.push(count);
    }
    try {
      switch (fault) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'reset':
          req.socket.resetAndDestroy();
          return;
        case '500':
        case '503':
          res.writeHead(Number(fault), { 'content-type': 'application/json' });
          res.end('{"status":500,"message":"injected"}');
          return;
        case '429':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end('{"status":429,"message":"injected"}');
          return;
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
          break;
        case 'hold':
          await released;
          break;
        default:
          break;
      }
      const answer = await forward(req, body);
      if (fault === 'lose-answer') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
