// The differential table: call sequences run through search-insights (the oracle) and Sightline,
// in Node and in Chromium. Data only, so the same table can be sent into a browser page.

/** A callback that records its arguments in the run log under `name`. */
export type CallbackMarker = { $callback: string };
/** Replaced by the capture server's origin. */
export const HOST = '$HOST';

export interface Step {
  call: string;
  args: unknown[];
}

export interface Sequence {
  name: string;
  steps: Step[];
  /** The oracle needs localStorage for inferQueryID, which Node 20 lacks. */
  browserOnly?: boolean;
}

const cb = (name: string): CallbackMarker => ({ $callback: name });
const step = (call: string, ...args: unknown[]): Step => ({ call, args });
const QID = '0123456789abcdef0123456789abcdef';
const QID2 = 'fedcba9876543210fedcba9876543210';
const creds = { appId: 'APP1', apiKey: 'KEY1', host: HOST };

const click = {
  eventName: 'Product Clicked',
  index: 'products',
  queryID: QID,
  objectIDs: ['p1', 'p2'],
  positions: [1, 2],
};
const objects = { eventName: 'Product Viewed', index: 'products', objectIDs: ['p1'] };
const filters = {
  eventName: 'Filter Used',
  index: 'products',
  filters: ['brand:Apple', 'color:dark blue&more'],
};
const conversionAfter = { eventName: 'Converted', index: 'products', queryID: QID, objectIDs: ['p3'] };
const cartAfter = {
  eventName: 'Added To Cart',
  index: 'products',
  queryID: QID,
  objectIDs: ['p1', 'p2'],
  objectData: [
    { price: 10, quantity: 1 },
    { price: '5.50', quantity: 2, queryID: QID2 },
  ],
  value: 21,
  currency: 'EUR',
};
const purchase = {
  eventName: 'Purchased',
  index: 'products',
  objectIDs: ['p1', 'p2', 'p9'],
  objectData: [{ price: 10 }, { price: 5.5 }, { price: 1 }],
  value: 16.5,
  currency: 'EUR',
};

/** Every one of the 13 event methods, with a fitting event. */
export const EVENT_METHODS: [string, object][] = [
  ['clickedObjectIDsAfterSearch', click],
  ['clickedObjectIDs', objects],
  ['clickedFilters', filters],
  ['convertedObjectIDsAfterSearch', conversionAfter],
  ['convertedObjectIDs', objects],
  ['convertedFilters', filters],
  ['addedToCartObjectIDsAfterSearch', cartAfter],
  ['addedToCartObjectIDs', { ...objects, objectData: [{ queryID: QID, price: 3 }] }],
  ['purchasedObjectIDsAfterSearch', purchase],
  ['purchasedObjectIDs', purchase],
  ['viewedObjectIDs', objects],
  ['viewedFilters', filters],
];

export const SEQUENCES: Sequence[] = [
  {
    name: 'every event method after a basic init',
    steps: [
      step('init', { ...creds, userToken: 'user-1' }),
      ...EVENT_METHODS.map(([method, event]) => step(method, event)),
      step('sendEvents', [{ eventType: 'view', eventName: 'Raw', index: 'products', objectIDs: ['x'] }]),
    ],
  },
  {
    name: 'several events in one call, and additionalParams in the middle',
    steps: [
      step('init', { ...creds, userToken: 'user-1' }),
      step(
        'clickedObjectIDs',
        objects,
        { headers: { 'X-Custom': 'a b' } },
        { ...objects, objectIDs: ['p7'] },
      ),
      step('viewedObjectIDs', objects, { ...objects, eventName: 'Second' }),
    ],
  },
  {
    name: 'region selects the host; partial re-init keeps it',
    steps: [
      step('init', { appId: 'APP1', apiKey: 'KEY1', region: 'de', host: HOST, userToken: 'u' }),
      step('init', { partial: true, apiKey: 'KEY2' }),
      step('clickedObjectIDs', objects),
      step('init', { partial: true, appId: 'APP3', userToken: 'u2' }),
      step('viewedObjectIDs', objects),
      step('getUserToken'),
    ],
  },
  {
    name: 'non-partial re-init resets options but keeps credentials',
    steps: [
      step('init', { ...creds, userToken: 'u', anonymousUserToken: false }),
      step('init', { host: HOST }),
      step('setUserToken', ''),
      step('clickedObjectIDs', objects),
      step('getUserToken'),
    ],
  },
  {
    name: 'invalid region and cookieDuration throw',
    steps: [
      step('init', { ...creds, region: 'fr' }),
      step('init', { ...creds, cookieDuration: 1.5 }),
      step('init', { ...creds, cookieDuration: '100' }),
      step('init', { ...creds, cookieDuration: 1000 }),
      step('getUserToken'),
    ],
  },
  {
    name: 'token changes and callbacks, immediate or not',
    steps: [
      step('init', creds),
      step('onUserTokenChange', cb('user'), { immediate: true }),
      step('setUserToken', 'alice'),
      step('setUserToken', 42),
      step('getUserToken', {}, cb('getUser')),
      step('onAuthenticatedUserTokenChange', cb('auth')),
      step('setAuthenticatedUserToken', 'auth-1'),
      step('getAuthenticatedUserToken', null, cb('getAuth')),
      step('clickedObjectIDs', objects),
      step('setAuthenticatedUserToken', undefined),
      step('onUserTokenChange', undefined),
      step('setUserToken', 'bob'),
      step('onUserTokenChange', cb('user2'), { immediate: false }),
      step('onAuthenticatedUserTokenChange', cb('auth2'), { immediate: true }),
      step('viewedObjectIDs', objects),
    ],
  },
  {
    name: 'init with tokens fires callbacks',
    steps: [
      step('onUserTokenChange', cb('user')),
      step('onAuthenticatedUserTokenChange', cb('auth')),
      step('init', { ...creds, userToken: 'from-init', authenticatedUserToken: 'auth-init' }),
      step('clickedObjectIDs', objects),
    ],
  },
  {
    name: 'anonymous token created on first event, in memory',
    steps: [
      step('onUserTokenChange', cb('user')),
      step('init', creds),
      step('clickedObjectIDs', objects),
      step('viewedObjectIDs', objects),
      step('setAnonymousUserToken', true),
      step('viewedObjectIDs', objects),
    ],
  },
  {
    name: 'anonymousUserToken false sends without a token',
    steps: [step('init', { ...creds, anonymousUserToken: false }), step('clickedObjectIDs', objects)],
  },
  {
    name: 'events carrying their own tokens',
    steps: [
      step('init', { ...creds, userToken: 'client-user', authenticatedUserToken: 'client-auth' }),
      step('clickedObjectIDs', { ...objects, userToken: 'own-user', authenticatedUserToken: 'own-auth' }),
    ],
  },
  {
    name: 'useCookie creates the cookie token; cookieDuration',
    steps: [
      step('onUserTokenChange', cb('user')),
      step('init', { ...creds, useCookie: true, cookieDuration: 3_600_000 }),
      step('clickedObjectIDs', objects),
    ],
  },
  {
    name: 'useCookie after an in-memory anonymous token saves it',
    steps: [
      step('init', creds),
      step('setAnonymousUserToken', true),
      step('init', { ...creds, useCookie: true }),
      step('clickedObjectIDs', objects),
    ],
  },
  {
    name: 'setAnonymousUserToken twice reuses the cookie',
    steps: [
      step('init', creds),
      step('setAnonymousUserToken'),
      step('setAnonymousUserToken'),
      step('clickedObjectIDs', objects),
    ],
  },
  {
    name: 'opted-out users send nothing',
    steps: [
      step('init', { ...creds, userHasOptedOut: true }),
      step('clickedObjectIDsAfterSearch', click),
      step('sendEvents', [objects]),
      step('init', { ...creds, userHasOptedOut: false, userToken: 'back' }),
      step('clickedObjectIDs', objects),
    ],
  },
  {
    name: 'per-call credentials and extra headers without init credentials',
    steps: [
      step('init', { host: HOST }),
      step('setUserToken', 'u'),
      step('clickedObjectIDs', objects, {
        headers: { 'X-Algolia-Application-Id': 'APP9', 'X-Algolia-API-Key': 'KEY9', 'X-Extra': 'yes' },
      }),
      step('init', { ...creds }),
      step('viewedObjectIDs', objects, { headers: { 'X-Algolia-API-Key': 'OTHER', 'X-Trace': 't1' } }),
    ],
  },
  {
    name: 'no credentials is an error',
    steps: [step('setUserToken', 'u'), step('clickedObjectIDs', objects)],
  },
  {
    name: 'getVersion, addAlgoliaAgent, unknown methods',
    steps: [
      step('getVersion', cb('version')),
      step('addAlgoliaAgent', 'my-agent (1.0)'),
      step('addAlgoliaAgent', 'my-agent (1.0)'),
      step('init', { ...creds, userToken: 'u' }),
      step('addAlgoliaAgent', 'other (2.0)'),
      step('clickedObjectIDs', objects),
      step('doesNotExist', 1),
    ],
  },
  {
    name: 'empty event lists resolve false without a request',
    steps: [step('init', { ...creds, userToken: 'u' }), step('sendEvents', []), step('clickedObjectIDs')],
  },
  {
    name: 'inferQueryID from remembered clicks and add-to-carts, purge after purchase',
    browserOnly: true,
    steps: [
      step('init', { ...creds, userToken: 'u' }),
      step('clickedObjectIDsAfterSearch', click),
      step('addedToCartObjectIDsAfterSearch', { ...cartAfter, objectIDs: ['p3', 'p4'], queryID: QID2 }),
      step('addedToCartObjectIDs', { ...objects, objectIDs: ['p5'], objectData: [{ queryID: QID }] }),
      step('convertedObjectIDs', { ...objects, objectIDs: ['p1', 'p3', 'zz'] }, { inferQueryID: true }),
      step(
        'purchasedObjectIDs',
        { ...purchase, objectIDs: ['p1', 'p2', 'p4', 'p5'] },
        { inferQueryID: true },
      ),
      step(
        'purchasedObjectIDs',
        { ...purchase, objectIDs: ['p1', 'p2', 'p4', 'p5'] },
        { inferQueryID: true },
      ),
      step(
        'convertedObjectIDsAfterSearch',
        { ...conversionAfter, objectIDs: ['p3'] },
        { inferQueryID: true },
      ),
      step('convertedObjectIDs', { ...objects, objectIDs: ['p3'] }, { inferQueryID: true }),
    ],
  },
  {
    name: 'nothing remembered while opted out',
    browserOnly: true,
    steps: [
      step('init', { ...creds, userToken: 'u', userHasOptedOut: true }),
      step('clickedObjectIDsAfterSearch', click),
      step('init', { ...creds, userToken: 'u' }),
      step('purchasedObjectIDs', purchase, { inferQueryID: true }),
    ],
  },
];

/** What a step returned: a value, a settled promise, or an exception. */
export type Outcome = { ret: unknown } | { resolved: unknown } | { error: true };

/** The run log: every step's outcome and every callback invocation, in order. */
export type LogEntry = ['call', string, Outcome] | ['callback', string, unknown[]];

/**
 * Runs steps through an `aa`-shaped function. Self-contained (no closures over module scope) so
 * Playwright can ship it into a page. Sync throws and rejections are both `{ error: true }`:
 * that Sightline rejects where search-insights throws is checked by its own test.
 */
export async function runSteps(
  aa: (name: string, ...args: unknown[]) => unknown,
  steps: Step[],
  host: string,
): Promise<LogEntry[]> {
  const log: LogEntry[] = [];
  const revive = (value: unknown): unknown => {
    if (value === '$HOST') return host;
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === 'object') {
      const marker = (value as { $callback?: string }).$callback;
      if (marker) return (...args: unknown[]) => log.push(['callback', marker, args]);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    }
    return value;
  };
  for (const { call, args } of steps) {
    let outcome: Outcome;
    try {
      const result = aa(call, ...(args.map(revive) as unknown[]));
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        try {
          outcome = { resolved: await result };
        } catch {
          outcome = { error: true };
        }
      } else {
        outcome = { ret: result };
      }
    } catch {
      outcome = { error: true };
    }
    log.push(['call', call, outcome]);
  }
  return log;
}

const UUID = /anonymous-([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})/g;

/**
 * Replaces each distinct anonymous UUID by `anonymous-#n` (order of first appearance), so runs
 * compare by identity structure ("the same token twice", "a new token") rather than by value.
 * Fails on an anonymous token that is not a UUID v4.
 */
export function normalizeTokens<T>(value: T, seen = new Map<string, string>()): T {
  const text = JSON.stringify(value) ?? 'null';
  if (/anonymous-(?![0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})[^"#]/.test(text)) {
    throw new Error(`an anonymous token is not a UUID v4: ${text}`);
  }
  return JSON.parse(
    text.replace(UUID, (_, id: string) => {
      if (!seen.has(id)) seen.set(id, `anonymous-#${seen.size + 1}`);
      return seen.get(id)!;
    }),
  ) as T;
}
