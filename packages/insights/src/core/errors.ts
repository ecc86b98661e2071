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

// The <script> builds define __SHORT_ERRORS__ = true: their errors carry the code only (the table
// in docs/client.md gives the fix), which keeps every message out of the 3 kB bundle.
declare const __SHORT_ERRORS__: boolean | undefined;

/** False in the `<script>` builds: call sites write `MESSAGES && \`…\`` so minifiers drop the text. */
export const MESSAGES: boolean = typeof __SHORT_ERRORS__ !== 'boolean' || !__SHORT_ERRORS__;

/**
 * Makes an {@link InsightsError}. A function rather than a subclass: it ships in the 3 kB browser
 * bundle, and callers branch on `code`, not on `instanceof`.
 */
export function insightsError(code: InsightsErrorCode, message: string | false): InsightsError {
  return Object.assign(new Error(MESSAGES ? `[${code}] ${message}` : code), {
    name: 'InsightsError' as const,
    code,
  });
}
