import type { InsightsClient, InsightsMethods } from './types.js';

const own = Object.prototype.hasOwnProperty;

/**
 * The `aa(name, ...args)` function over a client: returns the command's result; an unknown name
 * logs a warning naming it and returns `undefined`, never throws. The command table is the
 * client's own methods (the object literal in `createClient`): only own function properties are
 * callable, so `aa('constructor')` or `aa('toString')` never reach the prototype chain. (A separate
 * list of the 24 names cost 150 B of the 3 kB bundle.)
 */
export function getFunctionalInterface(instance: InsightsMethods): InsightsClient {
  return ((name: keyof InsightsMethods, ...args: unknown[]) => {
    if (own.call(instance, name) && typeof instance[name] === 'function') {
      return (instance[name] as (...a: unknown[]) => unknown)(...args);
    }
    console.warn(`The method \`${String(name)}\` doesn't exist.`);
    return undefined;
  }) as InsightsClient;
}
