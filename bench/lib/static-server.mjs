// A tiny static server on 127.0.0.1 for the browser suites: a blank page and the client builds.
// Pages need a real origin (localStorage and cookies do not exist on about:blank).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * @param {Record<string, { file?: string, body?: string, type?: string }>} routes path → content
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startStaticServer(routes) {
  // Files are read once, now: a package rebuilt by someone else during the run (dist/ removed and
  // written again) cannot change or break what the pages load.
  const bodies = new Map(
    Object.entries(routes).map(([path, route]) => [path, route.body ?? readFileSync(route.file)]),
  );
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const body = bodies.get(path);
    res.writeHead(200, {
      'content-type': route.type ?? 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const BLANK_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>';
