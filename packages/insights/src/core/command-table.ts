import type { InsightsClient, InsightsMethods } from './types.js';

/**
 * Every name `aa(name, …)` accepts. An explicit list, not a property lookup on the instance, so
 * `aa('constructor')` or `aa('toString')` can never reach object internals.
 */
export const COMMANDS: readonly (keyof InsightsMethods)[] = [
  'init',
  'getVersion',
  'addAlgoliaAgent',
  'setUserToken',
  'getUserToken',
  'onUserTokenChange',
  'setAnonymousUserToken',
  'saveTokenAsCookie',
  'setAuthenticatedUserToken',
  'getAuthenticatedUserToken',
  'onAuthenticatedUserTokenChange',
  'sendEvents',
  'clickedObjectIDsAfterSearch',
  'clickedObjectIDs',
  'clickedFilters',
  'convertedObjectIDsAfterSearch',
  'convertedObjectIDs',
  'convertedFilters',
  'viewedObjectIDs',
  'viewedFilters',
  'purchasedObjectIDs',
  'purchasedObjectIDsAfterSearch',
  'addedToCartObjectIDs',
  'addedToCartObjectIDsAfterSearch',
];

/**
 * The `aa(name, ...args)` function over a client: returns the command's result; an unknown name
 * logs a warning naming it and returns `undefined`, never throws.
 */
export function getFunctionalInterface(instance: InsightsMethods): InsightsClient {
  return ((name: keyof InsightsMethods, ...args: unknown[]) => {
    if (COMMANDS.includes(name) && typeof instance[name] === 'function') {
      return (instance[name] as (...a: unknown[]) => unknown)(...args);
    }
    console.warn(`The method \`${String(name)}\` doesn't exist.`);
    return undefined;
  }) as InsightsClient;
}
