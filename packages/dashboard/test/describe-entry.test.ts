import { describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/api/types.js';
import { describeEntry, rejectionReason } from '../src/debugger/describe-entry.js';

function entry(overrides: Partial<DebuggerEntry>): DebuggerEntry {
  return {
    id: 7,
    requestId: 'req-1',
    receivedAt: '2026-01-02T03:04:05.000Z',
    status: 200,
    accepted: true,
    event: {
      eventType: 'conversion',
      eventSubtype: 'purchase',
      eventName: 'Products Purchased',
      index: 'demo_products',
      userToken: 'anonymous-1',
      objectIDs: ['a'],
    },
    errors: [],
    headers: {
      referer: null,
      userAgent: null,
      agent: 'insights-js (2.18.0); insights-js-browser-umd (2.18.0)',
    },
    device: 'desktop',
    ...overrides,
  };
}

describe('describeEntry', () => {
  it('derives the columns of an accepted event', () => {
    expect(describeEntry(entry({}))).toMatchObject({
      id: 7,
      accepted: true,
      statusLabel: 'Accepted',
      httpCode: 200,
      index: 'demo_products',
      eventType: 'conversion · purchase',
      eventName: 'Products Purchased',
      userToken: 'anonymous-1',
      agent: 'insights-js (2.18.0)',
      agentFull: 'insights-js (2.18.0); insights-js-browser-umd (2.18.0)',
      device: 'desktop',
      reason: '',
    });
  });

  it('shows the culprit issue and its fix as the reason of a rejected event', () => {
    const rejected = entry({
      status: 422,
      accepted: false,
      errors: [
        {
          code: 'EVENT_NAME_INVALID',
          field: 'events[0].eventName',
          message: 'eventName is too long.',
          fix: 'shorten it.',
        },
        { code: 'INDEX_MISSING', field: 'events[0].index', message: 'index is required.', fix: 'add it.' },
      ],
    });
    expect(describeEntry(rejected)).toMatchObject({ statusLabel: 'Rejected', httpCode: 422 });
    expect(rejectionReason(rejected)).toBe('eventName is too long. Fix: shorten it. (+1 more)');
  });

  it('explains a valid event refused with its batch', () => {
    expect(rejectionReason(entry({ status: 422, accepted: false }))).toBe(
      'Refused with its batch (HTTP 422): another event of the same request is invalid.',
    );
  });

  it('degrades to dashes for unreadable bodies and odd payloads, and shows numeric tokens', () => {
    const unreadable = describeEntry(
      entry({
        event: null,
        accepted: false,
        status: 400,
        headers: { referer: null, userAgent: null, agent: null },
      }),
    );
    expect(unreadable).toMatchObject({
      index: '—',
      eventType: '—',
      eventName: '—',
      userToken: '—',
      agent: '—',
    });
    expect(describeEntry(entry({ event: [1, 2] })).eventName).toBe('—');
    expect(describeEntry(entry({ event: { eventType: 'view', userToken: 42 } }))).toMatchObject({
      eventType: 'view',
      userToken: '42',
    });
  });
});
