/** Error codes of the demo server, each with the message template and how to fix it. */
export const DEMO_ERRORS = {
  DEMO_OPTION_MISSING: 'Fix: pass it to startDemo(), e.g. the collector URL and the search key it printed.',
  DEMO_CLIENT_NOT_BUILT: 'Fix: run "npm run build" (builds packages/insights/dist), or pass clientScript.',
  DEMO_WEB_NOT_BUILT: 'Fix: run "npm run build" (builds examples/demo/dist/web), or pass webRoot.',
  DEMO_BAD_PARAMETER: 'Fix: send page ≥ 0 and 1 ≤ hitsPerPage ≤ 100 as integers.',
} as const;

/** A coded demo error; `message` names what is wrong and ends with the fix. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
  constructor(
    readonly code: keyof typeof DEMO_ERRORS,
    problem: string,
  ) {
    super(`${problem} ${DEMO_ERRORS[code]}`);
  }
}
