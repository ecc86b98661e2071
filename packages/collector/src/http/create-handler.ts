import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './cors.js';
import { readCredentials } from './credentials.js';
import { CollectorError } from './error-registry.js';
import { createRateLimiter, type RateDecision, type RateLimiter } from './rate-limit.js';
import { declaresTooLarge } from './read-body.js';
import { asCollectorError, sendError } from './respond.js';
import { createRouter, type RequestContext, type Route, type Services } from './router.js';

/** Sets the x-ratelimit-* headers of a decision, and throws `code` when it refuses. */
function enforce(
  res: ServerResponse,
  decision: RateDecision,
  code: 'RATE_LIMITED' | 'RATE_LIMITED_IP',
): void {
  res.setHeader('x-ratelimit-limit', decision.limit);
  res.setHeader('x-ratelimit-remaining', decision.remaining);
  res.setHeader('x-ratelimit-reset', decision.resetAt);
  if (!decision.allowed) {
    res.setHeader('Retry-After', decision.retryAfterSeconds);
    throw new CollectorError(code, `Retry in ${decision.retryAfterSeconds} s.`);
  }
}

/**
 * A client that went away mid-request: the body stream fails with `aborted` / ECONNRESET. Nothing
 * went wrong on our side, so it is not a server error.
 */
function isClientAbort(error: unknown, req: IncomingMessage): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    ((error as Error | null)?.message === 'aborted' && req.destroyed)
  );
}

/**
 * The request pipeline: CORS → route → auth (and rate limits) → handler, then one log line. Errors
 * thrown anywhere become coded responses; unexpected ones a 500 logged without request secrets.
 * Besides the per-key `limiter`, search-only keys (the public ones) and failed authentications are
 * limited per client IP (`config.rateLimitPerIp`), so one visitor cannot drain a shared key.
 */
export function createHandler(routes: Route[], services: Services, limiter: RateLimiter) {
  const router = createRouter(routes);
  const { logger } = services;
  const logRequests = logger.enabled('info');
  const logStarts = logger.enabled('debug');
  const perIp = createRateLimiter(services.config.rateLimitPerIp);

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    let appId: string | undefined;
    if (logStarts) logger.debug('request started', { method, path });
    if (logRequests) {
      res.once('finish', () => {
        logger.info('request', {
          method,
          path,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 100) / 100,
          appId: appId ?? null,
        });
      });
    }
    applyCors(res);
    // A body declared at 2 MB or more is refused unread (413), so the connection cannot be reused.
    if (declaresTooLarge(req)) res.setHeader('Connection', 'close');
    if (method === 'OPTIONS') return answerPreflight(req, res);

    const ctx: RequestContext = {
      req,
      res,
      path,
      query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
      params: {},
      receivedAt: Date.now(),
      services,
      appId: '',
      key: null,
    };
    try {
      const match = router.match(method, path);
      if (match.kind === 'not-found')
        throw new CollectorError('ROUTE_NOT_FOUND', `No route for ${method} ${quotedPath(path)}.`);
      if (match.kind === 'method-not-allowed') {
        res.setHeader('Allow', match.allow.join(', '));
        throw new CollectorError('METHOD_NOT_ALLOWED', `${method} ${path}: use ${match.allow.join(', ')}.`);
      }
      ctx.params = match.params;
      if (match.malformed !== undefined) {
        throw new CollectorError(
          'PATH_PARAM_INVALID',
          `The ${match.malformed} segment ${JSON.stringify(match.params[match.malformed]!.slice(0, 100))} is not valid percent-encoding.`,
        );
      }
      if (match.route.acl !== null) {
        const ip = req.socket.remoteAddress ?? 'unknown';
        let key: NonNullable<RequestContext['key']>;
        try {
          ({ key } = await services.auth.authenticate(readCredentials(req, ctx.query), match.route.acl));
        } catch (error) {
          // Failed authentications are limited per IP, so guessing keys is slow and cheap for us.
          if (
            perIp.enabled &&
            error instanceof CollectorError &&
            (error.status === 401 || error.status === 403)
          )
            enforce(res, perIp.take(`fail ${ip}`), 'RATE_LIMITED_IP');
          throw error;
        }
        // Only an authenticated app ID is logged: the claimed one may be anything, even a key.
        appId = key.appId;
        ctx.appId = key.appId;
        ctx.key = key;
        // A public (search-only) key is limited per visitor first: a request its visitor's limit
        // refuses must not spend the key's own budget, which every other visitor shares.
        const visitor =
          perIp.enabled && key.acl.length === 1 && key.acl[0] === 'search'
            ? perIp.take(`${key.id} ${ip}`)
            : undefined;
        if (visitor && !visitor.allowed) enforce(res, visitor, 'RATE_LIMITED_IP');
        if (limiter.enabled) enforce(res, limiter.take(String(key.id)), 'RATE_LIMITED');
        // The x-ratelimit-* headers a public key's caller sees are its own (docs: configuration.md).
        if (visitor) enforce(res, visitor, 'RATE_LIMITED_IP');
      }
      await match.route.handle(ctx);
    } catch (error) {
      if (isClientAbort(error, req)) {
        logger.info('client aborted', { method, path, appId: appId ?? null });
        res.destroy();
        return;
      }
      const coded = asCollectorError(error);
      if (coded.code === 'INTERNAL_ERROR') {
        logger.error('request failed', {
          method,
          path,
          appId: appId ?? null,
          error: String((error as Error)?.stack ?? error),
        });
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A body left unread (an auth failure before reading) must be drained for keep-alive to work,
      // unless it declares 2 MB or more: that connection closes after the answer instead.
      if (!req.readableEnded && !declaresTooLarge(req)) req.resume();
      sendError(res, coded);
    }
  };
}

/** Most characters of a request path an error message repeats: a 15 kB path is not echoed whole. */
const MAX_PATH_ECHO = 200;

function quotedPath(path: string): string {
  return path.length <= MAX_PATH_ECHO ? path : `${path.slice(0, MAX_PATH_ECHO)}… (${path.length} characters)`;
}
