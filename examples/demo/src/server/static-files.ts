import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Streams `root/relativePath` when it is a file inside `root`; resolves false (nothing written)
 * when it does not exist or tries to leave the root (`..`).
 */
export async function serveFile(res: ServerResponse, root: string, relativePath: string): Promise<boolean> {
  const path = normalize(join(root, relativePath));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  return sendFile(res, path);
}

/** Streams one file with its content type; resolves false when it is not a readable file. */
export async function sendFile(res: ServerResponse, path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': info.size,
    // The demo is rebuilt often while developing; stale bundles would confuse more than help.
    'cache-control': 'no-cache',
  });
  createReadStream(path).pipe(res);
  return true;
}
