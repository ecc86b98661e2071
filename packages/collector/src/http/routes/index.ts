import type { Route } from '../router.js';
import { dashboardFiles, dashboardRedirect } from './dashboard.js';
import { getDebuggerEvent, listDebuggerEvents } from './debugger-events.js';
import { deleteUserToken } from './delete-user-token.js';
import { getEventLog } from './event-log.js';
import { health } from './health.js';
import { postEvents } from './post-events.js';
import { postSearches } from './post-searches.js';

/** Every route, the hot one first. */
export const ROUTES: Route[] = [
  postEvents,
  getEventLog,
  deleteUserToken,
  postSearches,
  listDebuggerEvents,
  getDebuggerEvent,
  health,
  dashboardRedirect,
  dashboardFiles,
];
