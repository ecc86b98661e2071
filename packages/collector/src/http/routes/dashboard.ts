import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { CollectorError } from '../error-registry.js';
import { sendText } from '../respond.js';
import type { RequestContext, Route } from '../router.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Headers of every dashboard response: the page handles an admin key, so it must not be framed
 * (clickjacking) nor have a file sniffed into another type.
 */
function secureHeaders(ctx: RequestContext): void {
  ctx.res.setHeader('X-Content-Type-Options', 'nosniff');
  ctx.res.setHeader('X-Frame-Options', 'DENY');
  ctx.res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
}

function serve(ctx: RequestContext, relative: string): void {
  secureHeaders(ctx);
  const root = ctx.services.config.dashboardDir;
  if (!existsSync(join(root, 'index.html'))) {
    const error = new CollectorError('DASHBOARD_NOT_BUILT');
    ctx.res.setHeader('x-sightline-error', error.code);
    sendText(ctx.res, 503, `${error.message}\n`);
    return;
  }
  const file = normalize(join(root, relative === '' ? 'index.html' : relative));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    throw new CollectorError('ROUTE_NOT_FOUND', `No dashboard file ${JSON.stringify(relative)}.`);
  }
  ctx.res.statusCode = 200;
  ctx.res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  ctx.res.setHeader('Content-Length', statSync(file).size);
  // The page holds no secrets (credentials stay in the URL fragment), but it changes with each build.
  ctx.res.setHeader('Cache-Control', 'no-cache');
  if (ctx.req.method === 'HEAD') ctx.res.end();
  else createReadStream(file).pipe(ctx.res);
}

/** A GET route that only redirects to the dashboard folder. */
function redirectToDashboard(path: string, status: 301 | 302): Route {
  return {
    method: 'GET',
    path,
    acl: null,
    handle(ctx) {
      ctx.res.statusCode = status;
      ctx.res.setHeader('Location', '/dashboard/');
      ctx.res.end();
    },
  };
}

/** `GET /`: the collector has no home page of its own; people opening its URL want the dashboard (302: that may change). */
export const rootRedirect = redirectToDashboard('/', 302);

/** `GET /dashboard`: redirect to the folder so relative asset URLs resolve. */
export const dashboardRedirect = redirectToDashboard('/dashboard', 301);

/** `GET /dashboard/*`: the dashboard's static build, or a 503 page when it is not built. */
export const dashboardFiles: Route = {
  method: 'GET',
  path: '/dashboard/*',
  acl: null,
  handle(ctx) {
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.params['*'] ?? '');
    } catch {
      throw new CollectorError('ROUTE_NOT_FOUND', 'Malformed dashboard path.');
    }
    serve(ctx, relative);
  },
};
