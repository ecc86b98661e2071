import { validateSearches } from '../../searches/validate-searches.js';
import { CollectorError } from '../error-registry.js';
import { parseJsonBody, readBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

/**
 * `POST /1/searches` (Sightline extension): a search backend reports the searches it answered with a
 * queryID, so analytics can count tracked searches and tie clicks and conversions to them.
 */
export const postSearches: Route = {
  method: 'POST',
  path: '/1/searches',
  acl: 'search',
  async handle(ctx) {
    const body = parseJsonBody(await readBody(ctx.req));
    const result = validateSearches(body, ctx.receivedAt, ctx.services.validation(ctx.receivedAt));
    if (!result.ok) throw new CollectorError('SEARCHES_INVALID', `${result.field}: ${result.problem}`);
    await ctx.services.store.appendSearches(ctx.appId, result.searches);
    sendJson(ctx.res, 200, { status: 200, message: 'OK' });
  },
};
