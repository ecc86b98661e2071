import type { ServerResponse } from 'node:http';

/**
 * Byte budget of one list response (`GET /api/events`, `GET /1/events`). Events may carry up to
 * ~2 MB of extra fields each; without a budget, 1000 of them would be a 2 GB string (and a crash).
 */
export const LIST_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Payloads larger than this (serialized) are listed as a `{"truncated":true,"bytes":N,…}` stub; the
 * full payload stays at `GET /api/events/{id}`.
 */
export const LIST_EVENT_MAX_BYTES = 64 * 1024;

/**
 * Serializes items in order and stops before the one that would take the total past `budget` bytes.
 * The first item always goes, so paging always moves on.
 */
export function serializeWithinBudget(
  items: readonly unknown[],
  budget: number = LIST_BUDGET_BYTES,
): string[] {
  const parts: string[] = [];
  let bytes = 0;
  for (const item of items) {
    const text = JSON.stringify(item);
    const size = Buffer.byteLength(text) + 1;
    if (parts.length > 0 && bytes + size > budget) break;
    parts.push(text);
    bytes += size;
  }
  return parts;
}

/** Sends `{"<field>":[…parts], …rest}` from already serialized items, without serializing them again. */
export function sendJsonList(
  res: ServerResponse,
  field: string,
  parts: readonly string[],
  rest: Record<string, unknown> = {},
): void {
  const tail = JSON.stringify(rest).slice(1, -1);
  const body = `{${JSON.stringify(field)}:[${parts.join(',')}]${tail === '' ? '' : `,${tail}`}}`;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
