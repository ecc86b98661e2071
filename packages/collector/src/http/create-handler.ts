import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './cors.js';
import { readCredentials } from './credentials.js';
import { CollectorError } from './error-registry.js';
import type { RateLimiter } from './rate-limit.js';
import { asCollectorError, sendError } from './respond.js';
import { createRouter, type RequestContext, type Route, type Services } from './router.js';

/**
 * The request pipeline: CORS → route → auth (and rate limit) → handler, then one log line. Errors
 * thrown anywhere become coded responses; unexpected ones a 500 logged without request secrets.
 */
export function createHandler(routes: Route[], services: Services, limiter: RateLimiter) {
  const router = createRouter(routes);
  const { logger } = services;
  const logRequests = logger.enabled('info');
  const logStarts = logger.enabled('debug');

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
    let errorBody: Route['errorBody'];
    try {
      const match = router.match(method, path);
      if (match.kind === 'not-found')
        throw new CollectorError('ROUTE_NOT_FOUND', `No route for ${method} ${path}.`);
      if (match.kind === 'method-not-allowed') {
        res.setHeader('Allow', match.allow.join(', '));
        throw new CollectorError('METHOD_NOT_ALLOWED', `${method} ${path}: use ${match.allow.join(', ')}.`);
      }
      ctx.params = match.params;
      errorBody = match.route.errorBody;
      if (match.route.acl !== null) {
        const credentials = readCredentials(req, ctx.query);
        appId = credentials.appId;
        const { key } = await services.auth.authenticate(credentials, match.route.acl);
        ctx.appId = key.appId;
        ctx.key = key;
        if (limiter.enabled) {
          const decision = limiter.take(String(key.id));
          res.setHeader('x-ratelimit-limit', decision.limit);
          res.setHeader('x-ratelimit-remaining', decision.remaining);
          res.setHeader('x-ratelimit-reset', decision.resetAt);
          if (!decision.allowed) {
            res.setHeader('Retry-After', decision.retryAfterSeconds);
            throw new CollectorError('RATE_LIMITED', `Retry in ${decision.retryAfterSeconds} s.`);
          }
        }
      }
      await match.route.handle(ctx);
    } catch (error) {
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
      // A body left unread (an auth failure before reading) must be drained for keep-alive to work.
      if (!req.readableEnded) req.resume();
      sendError(res, coded, errorBody);
    }
  };
}
