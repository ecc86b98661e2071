import { CollectorError } from '../error-registry.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

/**
 * `GET /api/searches/{queryID}`: the tracked search of a queryID, so the debugger can tell whether an
 * event's queryID matches a real search (only then can it feed click and conversion analytics).
 */
export const getTrackedSearch: Route = {
  method: 'GET',
  path: '/api/searches/:queryID',
  acl: 'analytics',
  async handle(ctx) {
    const queryID = ctx.params.queryID ?? '';
    const search = await ctx.services.store.getSearch(ctx.appId, queryID);
    if (!search) throw new CollectorError('SEARCH_NOT_FOUND', `No tracked search has queryID ${queryID}.`);
    sendJson(ctx.res, 200, search);
  },
};
