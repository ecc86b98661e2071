import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

/** `GET /health`: no credentials; for load balancers and launch scripts. */
export const health: Route = {
  method: 'GET',
  path: '/health',
  acl: null,
  handle(ctx) {
    sendJson(ctx.res, 200, { status: 'ok' });
  },
};
