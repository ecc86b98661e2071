import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Transport, TransportResult } from '../core/ports.js';
import { DEFAULT_TIMEOUT_MS, factsOf, parseRetryAfter } from './facts.js';

/** Options of the Node transport. */
export interface NodeHttpOptions {
  /** Total time allowed for one request, response body included, in ms. @default 10000 */
  timeoutMs?: number;
}

/**
 * Node `http`/`https` POST. Fixes of search-insights' Node transport: `Content-Length` counts
 * bytes (not UTF-16 units, which truncated non-ASCII bodies), the URL is parsed with WHATWG `URL`
 * so a host with a port works, the deadline really aborts the request, and the response body is
 * drained so keep-alive sockets are released.
 */
export function nodeHttpTransport({ timeoutMs = DEFAULT_TIMEOUT_MS }: NodeHttpOptions = {}): Transport {
  return (url, body) =>
    new Promise<TransportResult>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: TransportResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      try {
        const target = new URL(url);
        const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
        const request = send(
          target,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
          },
          (response) => {
            const retryAfter = response.headers['retry-after'];
            const status = response.statusCode ?? 0;
            response.on('end', () => finish(factsOf(status, parseRetryAfter(retryAfter))));
            response.on('error', () => finish(factsOf(0)));
            response.resume();
          },
        );
        timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        request.on('error', () => finish(factsOf(0)));
        request.end(body);
      } catch {
        finish(factsOf(0));
      }
    });
}
