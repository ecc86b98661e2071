import type { Route } from '../router.js';
import { ANALYTICS_METRIC_ROUTES } from './analytics-metrics.js';
import { noClickSearches, noResultSearches, topHits, topSearches } from './analytics-top.js';
import { dashboardFiles, dashboardRedirect, rootRedirect } from './dashboard.js';
import { getDebuggerEvent, listDebuggerEvents } from './debugger-events.js';
import { deleteUserToken } from './delete-user-token.js';
import { getEventLog } from './event-log.js';
import { health } from './health.js';
import { postEvents } from './post-events.js';
import { postSearches } from './post-searches.js';
import { getTrackedSearch } from './tracked-search.js';

/** Every route, the hot one first. */
export const ROUTES: Route[] = [
  postEvents,
  getEventLog,
  deleteUserToken,
  postSearches,
  listDebuggerEvents,
  getDebuggerEvent,
  getTrackedSearch,
  topSearches,
  topHits,
  noClickSearches,
  noResultSearches,
  ...ANALYTICS_METRIC_ROUTES,
  health,
  rootRedirect,
  dashboardRedirect,
  dashboardFiles,
];
