import type { ServerResponse } from 'node:http';
import { CollectorError } from './error-registry.js';
import type { EventErrorList } from './event-errors.js';

/** Sends a JSON body with its length (no chunked encoding on the hot path). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Sends a plain-text body. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Sends a collector error: `{"status":…,"message":"<what> Fix: <how>"}` on every route — the
 * Insights API's EventsResponse and the Analytics API's error body have the same two fields — or
 * text for the plain-text 400s. The code goes in `x-sightline-error` so the body keeps exactly
 * those two fields.
 */
export function sendError(res: ServerResponse, error: CollectorError): void {
  res.setHeader('x-sightline-error', error.code);
  if (error.plainText) sendText(res, error.status, `${error.describe()}\n`);
  else sendJson(res, error.status, { status: error.status, message: error.describe() });
}

/**
 * Sends a 422 for broken validation rules from `@sightline/events`: `message` names the first one
 * (Algolia's body), `errors`/`errorCount` list every invalid event (Sightline extension).
 */
export function sendValidationError(
  res: ServerResponse,
  code: string,
  message: string,
  list: EventErrorList,
): void {
  res.setHeader('x-sightline-error', code);
  sendJson(res, 422, { status: 422, message, ...list });
}

/** Turns anything thrown into a collector error, hiding internals behind INTERNAL_ERROR. */
export function asCollectorError(error: unknown): CollectorError {
  return error instanceof CollectorError ? error : new CollectorError('INTERNAL_ERROR');
}
