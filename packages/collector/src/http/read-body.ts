import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { LIMITS } from '@sightline/events';
import { CollectorError } from './error-registry.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Deepest nesting of arrays and objects accepted; deeper values could overflow the stack later. */
export const MAX_JSON_DEPTH = 64;

/** Whether the request declares a body of `limit` bytes or more in its Content-Length. */
export function declaresTooLarge(req: IncomingMessage, limit: number = LIMITS.maxBodyBytes): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared >= limit;
}

/**
 * Reads the whole body. A Content-Length of `limit` bytes or more is refused at once from the
 * header (the handler then closes the connection instead of reading gigabytes). A body that reaches
 * `limit` bytes while streaming (chunked) throws BODY_TOO_LARGE after draining the upload, so the
 * client reads a 413 rather than a reset connection. Decompressed bodies follow the same rule:
 * `limit` bytes or more is too large, whatever the encoding.
 */
export async function readBody(req: IncomingMessage, limit: number = LIMITS.maxBodyBytes): Promise<Buffer> {
  if (declaresTooLarge(req, limit)) {
    throw new CollectorError('BODY_TOO_LARGE', `Content-Length says ${req.headers['content-length']} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size >= limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  if (tooLarge) throw new CollectorError('BODY_TOO_LARGE', `Got ${size} bytes.`);
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new CollectorError(
      'BODY_ENCODING_UNSUPPORTED',
      `Got content-encoding ${JSON.stringify(encoding)}.`,
    );
  }
  try {
    // maxOutputLength allows exactly that many bytes; raw bodies stop one byte earlier (size >= limit).
    const options = { maxOutputLength: limit - 1 };
    return encoding === 'gzip' ? await gunzipAsync(raw, options) : await inflateAsync(raw, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CollectorError('BODY_TOO_LARGE', 'The decompressed body reached the limit.');
    }
    throw new CollectorError('BODY_GZIP_INVALID', `Decompressing failed: ${(error as Error).message}.`);
  }
}

/**
 * Whether a parsed JSON value nests arrays and objects more than `limit` levels deep (the root
 * object is level 1). Walks the parsed value rather than scanning the text: a body of 100 events
 * is a few thousand characters but only a few hundred containers, so this costs a small fraction of
 * the parse (a character scan cost as much as `JSON.parse` itself on the ingest hot path). The walk
 * keeps its own stack, so it cannot overflow however deep the value is; V8's JSON.parse does not
 * recurse either.
 */
function nestsDeeperThan(root: unknown, limit: number): boolean {
  if (typeof root !== 'object' || root === null) return false;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/**
 * Parses a body as JSON whatever its Content-Type: beacons send text/plain, algoliasearch v5 too.
 * Throws BODY_NOT_JSON or BODY_TOO_DEEP (more than {@link MAX_JSON_DEPTH} levels, which later
 * recursive code such as JSON.stringify could not handle).
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = text.trim() === '' ? 'The body is empty.' : `${(error as Error).message}.`;
    throw new CollectorError('BODY_NOT_JSON', detail);
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new CollectorError('BODY_TOO_DEEP');
  return value;
}
