// Each build defines __FLAVOR__ (browser-esm, browser-cjs, browser-umd, browser-iife, node-esm,
// node-cjs) for the agent string; running from source (tests) has none.
declare const __FLAVOR__: string | undefined;

/** The flavour named in `insights-js-<flavor> (2.18.0)`. */
export function flavor(fallback: string): string {
  return typeof __FLAVOR__ === 'string' ? __FLAVOR__ : fallback;
}
