/** Codes of every error the client throws or rejects with; docs/client.md has the table. */
export type InsightsErrorCode =
  | 'SL_INIT_REGION'
  | 'SL_INIT_COOKIE_DURATION'
  | 'SL_NO_CREDENTIALS'
  | 'SL_NO_TRANSPORT';

/** An `Error` with a stable `code`; the message says what is wrong and how to fix it. */
export interface InsightsError extends Error {
  name: 'InsightsError';
  code: InsightsErrorCode;
}

/**
 * Makes an {@link InsightsError}. A function rather than a subclass: it ships in the 3 kB browser
 * bundle, and callers branch on `code`, not on `instanceof`.
 */
export function insightsError(code: InsightsErrorCode, message: string): InsightsError {
  return Object.assign(new Error(`[${code}] ${message}`), { name: 'InsightsError' as const, code });
}
