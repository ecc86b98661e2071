import type { InsightsClient, InsightsMethods } from './types.js';

/**
 * The `aa(name, ...args)` function over a client: returns the command's result; an unknown name
 * logs a warning naming it and returns `undefined`, never throws. The command table is the
 * client's methods (the object literal in `createClient`): a name that `Object.prototype` also
 * has is never a command, so `aa('constructor')`, `aa('toString')` or a name a page added to
 * `Object.prototype` never reach the prototype chain. (A separate list of the 24 names cost
 * 150 B of the 3 kB bundle; `in` rather than `hasOwnProperty` saves another 15 B, and
 * `Object.hasOwn` is ES2022.)
 */
export function getFunctionalInterface(instance: InsightsMethods): InsightsClient {
  return ((name: keyof InsightsMethods, ...args: unknown[]) => {
    if (name in instance && !(name in Object.prototype) && typeof instance[name] === 'function') {
      return (instance[name] as (...a: unknown[]) => unknown)(...args);
    }
    console.warn(`The method \`${String(name)}\` doesn't exist.`);
    return undefined;
  }) as InsightsClient;
}
