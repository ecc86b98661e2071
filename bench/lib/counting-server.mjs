// A local Insights endpoint for the browser suites that only counts: requests (preflights
// included), bytes and events, grouped by the application ID in the query string so each page run
// is counted apart even if a late beacon of an earlier run arrives. Answers like Algolia (200 +
// JSON, CORS open) so every client transport takes its success path.
import { createServer } from 'node:http';

export async function startCountingServer() {
  const runs = new Map();
  const statsFor = (appId) => {
    if (!runs.has(appId)) {
      runs.set(appId, {
        posts: 0,
        preflights: 0,
        other: 0,
        events: 0,
        bytes: 0,
        contentTypes: {},
        lastAt: 0,
      });
    }
    return runs.get(appId);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let appId = 'unknown';
    for (const [key, value] of url.searchParams)
      if (key.toLowerCase() === 'x-algolia-application-id') appId = value;
    const stats = statsFor(appId);
    stats.lastAt = Date.now();
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      stats.preflights++;
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST, GET, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
      });
      res.end();
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && url.pathname === '/1/events') {
        stats.posts++;
        stats.bytes += body.length;
        const type = (req.headers['content-type'] ?? 'none').split(';')[0];
        stats.contentTypes[type] = (stats.contentTypes[type] ?? 0) + 1;
        try {
          stats.events += JSON.parse(body.toString('utf8')).events?.length ?? 0;
        } catch {
          // Unreadable body: counted as a request, carries no events.
        }
      } else {
        stats.other++;
      }
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      res.end('{"status":200,"message":"OK"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats: (appId) => ({ ...statsFor(appId) }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
