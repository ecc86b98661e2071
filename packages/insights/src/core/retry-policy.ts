import type { TransportResult } from './ports.js';

/** Limits of retrying one batch. Every field in milliseconds except `maxAttempts`. */
export interface RetryLimits {
  /** Attempts in total, the first included. @default 5 */
  maxAttempts: number;
  /** No new attempt starts later than this after the first one. @default 60000 (1 minute) */
  maxRetryMs: number;
  /** Delay before the second attempt; doubles for each attempt after it. @default 500 */
  baseDelayMs: number;
  /** Ceiling of one delay, `Retry-After` included. @default 30000 */
  maxDelayMs: number;
}

/** The one statement of the retry defaults. */
export const RETRY_DEFAULTS: RetryLimits = {
  maxAttempts: 5,
  maxRetryMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Milliseconds to wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed:
 * the server's `Retry-After` when it gave one, else "full jitter" exponential backoff
 * (`random × base × 2^(attempt-1)`), so clients that failed together do not retry together.
 * Always capped by `maxDelayMs`. `random` is a number in [0, 1).
 */
export function retryDelay(
  attempt: number,
  result: TransportResult,
  limits: RetryLimits,
  random: number,
): number {
  // Transports report Retry-After as 0 or more (facts.ts), so only the ceiling needs applying.
  return Math.min(result.retryAfterMs ?? random * limits.baseDelayMs * 2 ** (attempt - 1), limits.maxDelayMs);
}

/**
 * Whether to try again, and after how long: `undefined` means give up. Only results the
 * transport marked `retryable` (no answer, 408, 429, 5xx) are retried, never other 4xx (the same
 * body would be refused again); attempts and total time are bounded; and a wait that would start
 * the next attempt past `maxRetryMs` gives up now rather than later.
 *
 * @param attempt - the attempt that just failed, 1-based
 * @param elapsedMs - time since the first attempt started
 */
export function nextRetry(
  attempt: number,
  elapsedMs: number,
  result: TransportResult,
  limits: RetryLimits,
  random: number,
): number | undefined {
  if (result.ok || !result.retryable || attempt >= limits.maxAttempts) return undefined;
  const delay = retryDelay(attempt, result, limits, random);
  return elapsedMs + delay > limits.maxRetryMs ? undefined : delay;
}
