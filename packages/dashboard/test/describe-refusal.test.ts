import { describe, expect, it } from 'vitest';
// The collector's own parser makes the messages, so a reworded refusal fails here, not in a browser.
import { parseAnalyticsRequest } from '../../collector/src/analytics/analytics-params.js';
import { CollectorError } from '../../collector/src/http/error-registry.js';
import { describeRefusal } from '../src/analytics/describe-refusal.js';

/** The `message` of the collector's 400 for these query parameters, as the dashboard receives it. */
function refusal(params: Record<string, string>): string {
  try {
    parseAnalyticsRequest('app', new URLSearchParams(params), Date.UTC(2026, 0, 10));
  } catch (error) {
    if (error instanceof CollectorError) return error.describe();
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(params)}`);
}

describe('describeRefusal', () => {
  it('blames the Tags rule for a malformed tags expression', () => {
    for (const tags of ['platform:desktop OR', '(platform:desktop', 'a AND', '%E0', 'startDate )']) {
      expect(describeRefusal(refusal({ index: 'p', tags }))).toEqual({
        field: 'tags',
        notice: 'Not updated: fix the Tags rule, then press Show.',
      });
    }
  });

  it('blames the dates for a malformed day, a reversed or a too long range', () => {
    const ranges: Record<string, string>[] = [
      { startDate: '2026-02-30' },
      { endDate: 'yesterday' },
      { startDate: '2026-01-09', endDate: '2026-01-01' },
      { startDate: '2020-01-01', endDate: '2026-01-01' },
    ];
    for (const dates of ranges) {
      expect(describeRefusal(refusal({ index: 'p', ...dates })).field).toBe('dates');
    }
  });

  it('asks for the index when it is empty', () => {
    expect(describeRefusal(refusal({ index: '' })).field).toBe('index');
  });

  it('names no field for anything else (a network failure, a 500)', () => {
    expect(describeRefusal('Failed to fetch')).toEqual({
      field: null,
      notice: 'Not updated: the request failed (see the message above); press Show to try again.',
    });
    expect(describeRefusal('HTTP 500').field).toBeNull();
  });
});
