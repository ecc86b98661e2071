import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedValidationOptions } from '@sightline/events';
import type { Acl } from '../apps/api-keys.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Logger } from '../log/logger.js';
import type { EventStore, KeyRecord } from '../store/event-store.js';
import type { Authenticator } from './auth.js';

/** What every route handler can use; built once at start. */
export interface Services {
  store: EventStore;
  config: ResolvedConfig;
  logger: Logger;
  auth: Authenticator;
  /** Validation options for `validateBatch`, with `now` filled per request. */
  validation: (now: number) => ResolvedValidationOptions;
}

/** One request on its way through a route. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Decoded `:name` segments of the route pattern. */
  params: Record<string, string>;
  /** ms since the epoch when the request arrived. */
  receivedAt: number;
  services: Services;
  /** Set by the router once the key is checked (routes with an ACL only). */
  appId: string;
  key: KeyRecord | null;
}

/** A route: method, path pattern (`/1/usertokens/:userToken`, `/dashboard/*`), the ACL it needs. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** null: no credentials needed. */
  acl: Acl | null;
  handle(ctx: RequestContext): Promise<void> | void;
}

/** The outcome of matching a path. */
export type RouteMatch =
  | {
      kind: 'found';
      route: Route;
      params: Record<string, string>;
      /** A `:name` segment whose percent-encoding is broken (`%`, `%E0%A4%A`): kept raw in params. */
      malformed?: string;
    }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Compiled {
  route: Route;
  segments: string[];
  wildcard: boolean;
}

/** Compiles routes once; `match` walks them (there are a dozen: a table beats a trie here). */
export function createRouter(routes: Route[]) {
  const compiled: Compiled[] = routes.map((route) => {
    const wildcard = route.path.endsWith('/*');
    const base = wildcard ? route.path.slice(0, -2) : route.path;
    return { route, segments: base.split('/').slice(1), wildcard };
  });

  function matchPath(
    entry: Compiled,
    parts: string[],
  ): { params: Record<string, string>; malformed?: string } | null {
    if (entry.wildcard ? parts.length < entry.segments.length : parts.length !== entry.segments.length)
      return null;
    const params: Record<string, string> = {};
    let malformed: string | undefined;
    for (let i = 0; i < entry.segments.length; i++) {
      const segment = entry.segments[i]!;
      const part = parts[i]!;
      if (segment.startsWith(':')) {
        if (part === '') return null;
        try {
          params[segment.slice(1)] = decodeURIComponent(part);
        } catch {
          // Still this route: the caller answers "bad segment" rather than a misleading 404.
          params[segment.slice(1)] = part;
          malformed ??= segment.slice(1);
        }
      } else if (segment !== part) return null;
    }
    if (entry.wildcard) params['*'] = parts.slice(entry.segments.length).join('/');
    return malformed === undefined ? { params } : { params, malformed };
  }

  return {
    match(method: string, path: string): RouteMatch {
      const parts = path.split('/').slice(1);
      const allow = new Set<string>();
      for (const entry of compiled) {
        const matched = matchPath(entry, parts);
        if (!matched) continue;
        if (entry.route.method === method || (method === 'HEAD' && entry.route.method === 'GET')) {
          return { kind: 'found', route: entry.route, ...matched };
        }
        allow.add(entry.route.method);
      }
      if (allow.size > 0) return { kind: 'method-not-allowed', allow: [...allow, 'OPTIONS'] };
      return { kind: 'not-found' };
    },
  };
}
