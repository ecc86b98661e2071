// Pure delivery rules: retry/backoff/give-up and batch splitting, table-driven.
import { describe, expect, it } from 'vitest';
import type { TransportResult } from '../src/core/ports.js';
import { nextRetry, RETRY_DEFAULTS, retryDelay } from '../src/core/retry-policy.js';
import { byteLength, MAX_BODY_BYTES, splitBatches } from '../src/core/split-batches.js';
import { factsOf } from '../src/transport/facts.js';

const limits = RETRY_DEFAULTS;
const facts = (status: number, retryAfterMs?: number): TransportResult => factsOf(status, retryAfterMs);

describe('nextRetry: whether and when to try again', () => {
  // [why, status, retryAfterMs, attempt that failed, elapsed ms, random, expected delay | undefined]
  const table: [string, number, number | undefined, number, number, number, number | undefined][] = [
    ['accepted: nothing to retry', 200, undefined, 1, 0, 0.5, undefined],
    ['network error, 1st attempt: jitter × base', 0, undefined, 1, 0, 0.5, 250],
    ['network error, 3rd attempt: base doubles per attempt', 0, undefined, 3, 0, 0.5, 1000],
    ['jitter 0 retries at once', 0, undefined, 2, 0, 0, 0],
    ['408 is retried', 408, undefined, 1, 0, 1 - 1e-9, 500],
    ['5xx is retried', 503, undefined, 2, 0, 0.25, 250],
    ['429 honours Retry-After over backoff', 429, 7000, 1, 0, 0.5, 7000],
    ['Retry-After is capped by maxDelayMs', 503, 120_000, 1, 0, 0.5, 30_000],
    ['400 is never retried', 400, undefined, 1, 0, 0.5, undefined],
    ['401 is never retried', 401, undefined, 1, 0, 0.5, undefined],
    ['403 is never retried', 403, undefined, 1, 0, 0.5, undefined],
    ['413 is never retried', 413, undefined, 1, 0, 0.5, undefined],
    ['the last attempt gives up', 503, undefined, 5, 0, 0.5, undefined],
    ['a wait past the total time gives up now', 503, 5000, 2, 56_000, 0.5, undefined],
    ['a wait ending exactly at the total time is allowed', 503, 4000, 2, 56_000, 0.5, 4000],
    ['backoff is capped by maxDelayMs', 0, undefined, 4, 0, 1 - 1e-9, 4000 - 4e-6],
  ];
  it.each(table)('%s', (_why, status, retryAfterMs, attempt, elapsed, random, expected) => {
    const delay = nextRetry(attempt, elapsed, facts(status, retryAfterMs), limits, random);
    if (expected === undefined) expect(delay).toBeUndefined();
    else expect(delay).toBeCloseTo(expected, 3);
  });

  it('backoff never exceeds maxDelayMs however many attempts', () => {
    const many = { ...limits, maxAttempts: 50, maxRetryMs: Number.POSITIVE_INFINITY };
    expect(retryDelay(30, facts(0), many, 0.999)).toBe(30_000);
    expect(nextRetry(30, 0, facts(0), many, 0.999)).toBe(30_000);
  });
});

describe('splitBatches', () => {
  const event = (i: number, pad = 0) => ({ eventName: 'e', index: 'i', n: i, pad: 'x'.repeat(pad) });

  it('keeps order and splits at 1000 events', () => {
    const events = Array.from({ length: 2500 }, (_, i) => event(i));
    const batches = splitBatches(events);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(events);
  });
  it('splits so each body stays under the byte budget', () => {
    const events = Array.from({ length: 40 }, (_, i) => event(i, 5000));
    const batches = splitBatches(events);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(byteLength(JSON.stringify({ events: batch }))).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(batches.flat()).toEqual(events);
  });
  it('counts bytes, not UTF-16 units', () => {
    const wide = Array.from({ length: 10 }, (_, i) => ({ ...event(i), name: '€'.repeat(3000) }));
    for (const batch of splitBatches(wide, 1000, 20_000))
      expect(byteLength(JSON.stringify({ events: batch }))).toBeLessThanOrEqual(20_000);
  });
  it('an event larger than the budget travels alone', () => {
    const batches = splitBatches([event(0), event(1, 100), event(2)], 1000, 60);
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
  });
  it('no events, no batches', () => {
    expect(splitBatches([])).toEqual([]);
  });
});
