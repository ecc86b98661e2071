import { ISSUE_CODES, type IssueCode } from '@sightline/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebuggerEntry } from '../src/index.js';
import { QUERY_ID, startTestCollector, type TestCollector, validEvent } from './helpers/test-collector.js';

const DAY = 86_400_000;

/**
 * One case per 422 rule of the Insights spec §2–§4 (and every ISSUE_CODES rule): the bad event is
 * sent over real HTTP after a valid one, so every case also checks that the batch is all-or-nothing.
 * `body` replaces the whole body for batch-level rules.
 */
const CASES: { rule: string; code: IssueCode; bad?: unknown; body?: unknown; says?: RegExp }[] = [
  {
    rule: 'body is a JSON array (§2)',
    code: 'BATCH_IS_ARRAY',
    body: [validEvent()],
    says: /not a JSON array/,
  },
  { rule: 'body is a JSON string', code: 'BATCH_NOT_OBJECT', body: '"events"', says: /Got string/ },
  { rule: 'empty events (§2)', code: 'BATCH_NO_EVENTS', body: { events: [] }, says: /Got 0 events/ },
  {
    rule: 'a bare single event without the wrapper (§2)',
    code: 'BATCH_NO_EVENTS',
    body: validEvent(),
    says: /No `events` field/,
  },
  { rule: 'events is not an array', code: 'BATCH_EVENTS_NOT_ARRAY', body: { events: validEvent() } },
  {
    rule: 'more than 1000 events (§4.2)',
    code: 'BATCH_TOO_MANY_EVENTS',
    body: { events: Array.from({ length: 1001 }, () => validEvent()) },
    says: /Got 1001/,
  },
  { rule: 'an event that is not an object', code: 'EVENT_NOT_OBJECT', bad: 'click' },
  { rule: 'missing eventName', code: 'EVENT_NAME_MISSING', bad: validEvent({ eventName: undefined }) },
  {
    rule: 'eventName over 64 characters',
    code: 'EVENT_NAME_INVALID',
    bad: validEvent({ eventName: 'x'.repeat(65) }),
    says: /65 characters/,
  },
  {
    rule: 'eventName with non-ASCII',
    code: 'EVENT_NAME_INVALID',
    bad: validEvent({ eventName: 'Clicked ✓' }),
  },
  { rule: 'missing eventType', code: 'EVENT_TYPE_MISSING', bad: validEvent({ eventType: undefined }) },
  {
    rule: 'unknown eventType',
    code: 'EVENT_TYPE_INVALID',
    bad: validEvent({ eventType: 'purchase' }),
    says: /"purchase"/,
  },
  {
    rule: 'unknown eventSubtype on a conversion',
    code: 'EVENT_SUBTYPE_INVALID',
    bad: validEvent({ eventType: 'conversion', eventSubtype: 'refund' }),
  },
  { rule: 'missing index', code: 'INDEX_MISSING', bad: validEvent({ index: undefined }) },
  { rule: 'empty index', code: 'INDEX_EMPTY', bad: validEvent({ index: '' }) },
  { rule: 'missing userToken', code: 'USER_TOKEN_MISSING', bad: validEvent({ userToken: undefined }) },
  {
    rule: 'userToken with a bad character',
    code: 'USER_TOKEN_INVALID',
    bad: validEvent({ userToken: 'jane@example.com' }),
    says: /"@"/,
  },
  {
    rule: 'userToken of 130 characters',
    code: 'USER_TOKEN_INVALID',
    bad: validEvent({ userToken: 'u'.repeat(130) }),
    says: /130 characters/,
  },
  {
    rule: 'bad authenticatedUserToken',
    code: 'AUTHENTICATED_USER_TOKEN_INVALID',
    bad: validEvent({ authenticatedUserToken: 'has space' }),
  },
  {
    rule: 'C1: neither objectIDs nor filters',
    code: 'OBJECTS_OR_FILTERS_MISSING',
    bad: validEvent({ objectIDs: undefined }),
  },
  {
    rule: 'C2: both objectIDs and filters',
    code: 'OBJECTS_AND_FILTERS',
    bad: validEvent({ filters: ['brand:Apple'] }),
  },
  { rule: 'empty objectIDs', code: 'OBJECT_IDS_EMPTY', bad: validEvent({ objectIDs: [] }) },
  {
    rule: 'more than 20 objectIDs (§4.2)',
    code: 'OBJECT_IDS_TOO_MANY',
    bad: validEvent({ objectIDs: Array.from({ length: 21 }, (_, i) => `o${i}`) }),
    says: /Got 21/,
  },
  { rule: 'an empty objectID', code: 'OBJECT_ID_EMPTY', bad: validEvent({ objectIDs: ['a', ''] }) },
  { rule: 'empty filters', code: 'FILTERS_EMPTY', bad: validEvent({ objectIDs: undefined, filters: [] }) },
  {
    rule: 'more than 20 filters',
    code: 'FILTERS_TOO_MANY',
    bad: validEvent({ objectIDs: undefined, filters: Array.from({ length: 21 }, (_, i) => `brand:b${i}`) }),
  },
  {
    rule: 'a numeric filter',
    code: 'FILTER_INVALID',
    bad: validEvent({ objectIDs: undefined, filters: ['price<100'] }),
  },
  {
    rule: 'a filter without a colon',
    code: 'FILTER_INVALID',
    bad: validEvent({ objectIDs: undefined, filters: ['Apple'] }),
  },
  {
    rule: 'C3: positions on a conversion',
    code: 'POSITIONS_NOT_CLICK',
    bad: validEvent({ eventType: 'conversion', queryID: QUERY_ID, positions: [1] }),
  },
  {
    rule: 'C4: click with positions but no queryID',
    code: 'POSITIONS_WITHOUT_QUERY_ID',
    bad: validEvent({ positions: [1] }),
  },
  {
    rule: 'C5: click with queryID but no positions',
    code: 'POSITIONS_MISSING',
    bad: validEvent({ queryID: QUERY_ID }),
  },
  {
    rule: 'C5: positions and objectIDs of different lengths',
    code: 'POSITIONS_LENGTH',
    bad: validEvent({ queryID: QUERY_ID, objectIDs: ['a', 'b'], positions: [1] }),
    says: /1 positions for 2 object IDs/,
  },
  {
    rule: 'positions on a click with filters instead of objectIDs',
    code: 'POSITIONS_WITHOUT_OBJECT_IDS',
    bad: validEvent({ queryID: QUERY_ID, objectIDs: undefined, filters: ['brand:Apple'], positions: [1] }),
  },
  {
    rule: 'C6: position 0',
    code: 'POSITION_INVALID',
    bad: validEvent({ queryID: QUERY_ID, positions: [0] }),
  },
  {
    rule: 'queryID not 32 hex',
    code: 'QUERY_ID_INVALID',
    bad: validEvent({ queryID: 'ABC', positions: [1] }),
  },
  {
    rule: 'C7: objectData length differs from objectIDs',
    code: 'OBJECT_DATA_LENGTH',
    bad: validEvent({
      eventType: 'conversion',
      eventSubtype: 'purchase',
      objectData: [{ quantity: 1 }, { quantity: 2 }],
    }),
  },
  {
    rule: 'more than 20 objectData items',
    code: 'OBJECT_DATA_TOO_MANY',
    bad: validEvent({
      eventType: 'conversion',
      objectData: Array.from({ length: 21 }, () => ({ quantity: 1 })),
    }),
  },
  {
    rule: 'a price of 17 characters',
    code: 'DECIMAL_INVALID',
    bad: validEvent({
      eventType: 'conversion',
      objectData: [{ price: '12345678901234.56' }],
      currency: 'USD',
    }),
  },
  {
    rule: 'a non-integer quantity',
    code: 'QUANTITY_INVALID',
    bad: validEvent({ eventType: 'conversion', objectData: [{ quantity: 1.5 }] }),
  },
  {
    rule: 'C8: value without currency',
    code: 'CURRENCY_MISSING',
    bad: validEvent({ eventType: 'conversion', eventSubtype: 'purchase', value: 10 }),
  },
  {
    rule: 'a currency that is not 3 letters',
    code: 'CURRENCY_INVALID',
    bad: validEvent({ eventType: 'conversion', value: 1, currency: 'EURO' }),
  },
  {
    rule: 'C9: a number where a string is expected',
    code: 'FIELD_TYPE',
    bad: validEvent({ objectIDs: [42] }),
    says: /Expected a string, got integer/,
  },
  { rule: 'C9: eventName as a number', code: 'FIELD_TYPE', bad: validEvent({ eventName: 7 }) },
  {
    rule: 'timestamp older than 30 days',
    code: 'TIMESTAMP_TOO_OLD',
    bad: validEvent({ timestamp: Date.now() - 31 * DAY }),
    says: /30 days/,
  },
  {
    rule: 'timestamp in seconds',
    code: 'TIMESTAMP_TOO_OLD',
    bad: validEvent({ timestamp: 1687193127 }),
    says: /multiply by 1000/,
  },
  {
    rule: 'timestamp in the future',
    code: 'TIMESTAMP_IN_FUTURE',
    bad: validEvent({ timestamp: Date.now() + DAY }),
  },
  {
    rule: 'agentID empty on an instantsearch event',
    code: 'AGENT_ID_INVALID',
    bad: { eventType: 'instantsearch', eventName: 'Agent', userToken: 'u', agentID: '' },
  },
];

describe('POST /1/events: every validation rule over HTTP', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  it('covers every issue code of @sightline/events', () => {
    const covered = new Set(CASES.map((c) => c.code));
    expect(Object.keys(ISSUE_CODES).filter((code) => !covered.has(code as IssueCode))).toEqual([]);
  });

  it.each(CASES)('$rule → 422 $code, nothing stored as accepted', async ({ code, bad, body, says }) => {
    const sent = body ?? { events: [validEvent({ userToken: 'collateral' }), bad] };
    const res = await t.postEvents(sent);
    expect(res.status).toBe(422);
    expect(res.headers.get('x-sightline-error')).toBe(code);
    const json = (await res.json()) as {
      status: number;
      message: string;
      errors: { eventIndex: number | null; code: string; field: string }[];
      errorCount: number;
    };
    expect(Object.keys(json)).toEqual(['status', 'message', 'errors', 'errorCount']);
    expect(json.status).toBe(422);
    expect(json.message).toContain(ISSUE_CODES[code]);
    expect(json.message).toMatch(/ Fix: \S/);
    if (says) expect(json.message).toMatch(says);
    // The extension lists the culprit: the second event, or the body itself.
    expect(json.errorCount).toBe(1);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject(
      body === undefined ? { eventIndex: 1, code } : { eventIndex: null, code, field: 'body' },
    );

    // The refused request is recorded for the debugger, newest first, and none of it accepted.
    const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?limit=1');
    const requestId = entries[0]!.requestId;
    const recorded = (await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?limit=1000')).entries.filter(
      (e) => e.requestId === requestId,
    );
    expect(recorded.every((e) => e.status === 422 && e.accepted === false)).toBe(true);
    if (body === undefined) {
      expect(recorded).toHaveLength(2);
      const [culprit, collateral] = recorded; // newest first: the bad event was second
      expect(culprit!.errors.map((e) => e.code)).toEqual([code]);
      expect(collateral!.errors).toEqual([]);
      expect(collateral!.event).toMatchObject({ userToken: 'collateral' });
    } else {
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.event).toBeNull();
      expect(recorded[0]!.errors[0]!.code).toBe(code);
    }
  });

  it('stored nothing as accepted across all refused batches', async () => {
    const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?status=accepted');
    expect(entries).toEqual([]);
  });

  it('reports the first culprit and records every culprit with its own issue', async () => {
    const res = await t.postEvents({
      events: [validEvent({ eventName: undefined }), validEvent(), validEvent({ userToken: 'a b' })],
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('x-sightline-error')).toBe('EVENT_NAME_MISSING');
    const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?limit=3');
    expect(entries.map((e) => e.errors.map((i) => i.code))).toEqual([
      ['USER_TOKEN_INVALID'],
      [],
      ['EVENT_NAME_MISSING'],
    ]);
    expect(entries[0]!.errors[0]!.field).toBe('events[2].userToken');
  });

  it('lists every invalid event in errors[], message unchanged for the first one', async () => {
    const res = await t.postEvents({
      events: [
        validEvent(),
        validEvent({ eventName: undefined }),
        validEvent(),
        validEvent({ objectIDs: [] }),
        validEvent({ userToken: 'a b', index: '' }),
      ],
    });
    expect(res.status).toBe(422);
    const json = (await res.json()) as {
      status: number;
      message: string;
      errors: { eventIndex: number; code: string; field: string; message: string; fix: string }[];
      errorCount: number;
    };
    expect(json.status).toBe(422);
    expect(json.message).toMatch(/^events\[1\]\.eventName: `eventName` is required\. Fix: \S/);
    expect(json.errorCount).toBe(3);
    // One entry per invalid event (its first broken rule), the issue shape of @sightline/events.
    expect(json.errors.map(({ eventIndex, code, field }) => ({ eventIndex, code, field }))).toEqual([
      { eventIndex: 1, code: 'EVENT_NAME_MISSING', field: 'events[1].eventName' },
      { eventIndex: 3, code: 'OBJECT_IDS_EMPTY', field: 'events[3].objectIDs' },
      { eventIndex: 4, code: 'INDEX_EMPTY', field: 'events[4].index' },
    ]);
    for (const error of json.errors) {
      expect(Object.keys(error)).toEqual(['eventIndex', 'code', 'field', 'message', 'fix']);
      expect(error.message).toContain(ISSUE_CODES[error.code as IssueCode]);
      expect(error.fix).not.toBe('');
    }
    expect(json.message).toBe(`${json.errors[0]!.message} Fix: ${json.errors[0]!.fix}`);
  });

  it('caps errors[] at 100 entries for a batch of 1000 invalid events; errorCount has them all', async () => {
    const events = Array.from({ length: 1000 }, (_, i) =>
      validEvent({ userToken: i % 2 === 0 ? 'a b' : `ok-${i}`, eventName: i % 2 === 0 ? 'x' : undefined }),
    );
    const res = await t.postEvents({ events });
    expect(res.status).toBe(422);
    const json = (await res.json()) as { errors: { eventIndex: number }[]; errorCount: number };
    expect(json.errorCount).toBe(1000);
    expect(json.errors).toHaveLength(100);
    expect(json.errors.map((e) => e.eventIndex)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('POST /1/events: accepted shapes and configurable windows', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(() => t.close());

  it('accepts the documented variants, keeps unknown fields and coerces numeric user tokens', async () => {
    const events = [
      validEvent({ queryID: QUERY_ID, positions: [3], algoliaSource: ['autocomplete'] }),
      validEvent({ objectIDs: undefined, filters: ['brand%3AApple'] }),
      validEvent({ eventType: 'view' }),
      validEvent({
        eventType: 'conversion',
        eventSubtype: 'addToCart',
        queryID: QUERY_ID,
        objectData: [{ price: '9.99', quantity: 2 }],
        currency: 'EUR',
      }),
      validEvent({
        eventType: 'conversion',
        eventSubtype: 'purchase',
        objectData: [{ price: 5, queryID: QUERY_ID }],
        value: 5,
        currency: 'USD',
      }),
      validEvent({ userToken: 42, timestamp: Date.now() - 5 * DAY }),
      { eventType: 'instantsearch', eventName: 'Agent answered', userToken: 'u', agentID: 'agent-1' },
    ];
    const res = await t.postEvents({ events });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 200, message: 'OK' });
    const { entries } = await t.getJson<{ entries: DebuggerEntry[] }>('/api/events?status=accepted');
    expect(entries).toHaveLength(events.length);
    expect(entries.every((e) => e.status === 200 && e.errors.length === 0)).toBe(true);
    expect(entries.find((e) => (e.event as { algoliaSource?: unknown }).algoliaSource)?.event).toMatchObject({
      algoliaSource: ['autocomplete'],
    });
    expect(entries.some((e) => (e.event as { userToken: unknown }).userToken === '42')).toBe(true);
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(1);
  });

  it('a 4-day window refuses a 5-day-old event; the skew option widens the future', async () => {
    const strict = await startTestCollector({ timestampWindowDays: 4, futureSkewSeconds: 3600 });
    try {
      const old = await strict.postEvents({ events: [validEvent({ timestamp: Date.now() - 5 * DAY })] });
      expect(old.status).toBe(422);
      expect(((await old.json()) as { message: string }).message).toMatch(/at most 4 days old/);
      const soon = await strict.postEvents({ events: [validEvent({ timestamp: Date.now() + 30 * 60_000 })] });
      expect(soon.status).toBe(200);
      const later = await strict.postEvents({
        events: [validEvent({ timestamp: Date.now() + 2 * 3_600_000 })],
      });
      expect(later.status).toBe(422);
    } finally {
      await strict.close();
    }
  });

  it('maxFilters and requireCurrency are configurable', async () => {
    const loose = await startTestCollector({ maxFilters: 10, requireCurrency: false });
    try {
      const filters = Array.from({ length: 11 }, (_, i) => `brand:b${i}`);
      expect(
        (await loose.postEvents({ events: [validEvent({ objectIDs: undefined, filters })] })).status,
      ).toBe(422);
      expect(
        (await loose.postEvents({ events: [validEvent({ eventType: 'conversion', value: 3 })] })).status,
      ).toBe(200);
    } finally {
      await loose.close();
    }
  });
});
