import { describe, expect, it } from 'vitest';
import {
  ISSUE_CODES,
  type IssueCode,
  LIMITS,
  parseFilter,
  validateBatch,
  validateEvent,
} from '../src/index.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const QID = '0123456789abcdef0123456789abcdef';
const click = {
  eventType: 'click',
  eventName: 'Product Clicked',
  index: 'products',
  userToken: 'anonymous-1234',
  queryID: QID,
  objectIDs: ['a', 'b'],
  positions: [1, 2],
};
const purchase = {
  eventType: 'conversion',
  eventSubtype: 'purchase',
  eventName: 'Purchased',
  index: 'products',
  userToken: 'user-1',
  objectIDs: ['a'],
  objectData: [{ price: '19.99', quantity: 2, queryID: QID }],
  currency: 'USD',
};

function check(event: unknown) {
  return validateEvent(event, 'events[0]', { now: NOW });
}

describe('validateEvent accepts every documented variant', () => {
  const valid: Record<string, Record<string, unknown>> = {
    clickedObjectIDsAfterSearch: click,
    clickedObjectIDs: { eventType: 'click', eventName: 'c', index: 'i', userToken: 'u', objectIDs: ['x'] },
    clickedFilters: {
      eventType: 'click',
      eventName: 'c',
      index: 'i',
      userToken: 'u',
      filters: ['brand%3AApple'],
    },
    convertedObjectIDsAfterSearch: {
      eventType: 'conversion',
      eventName: 'c',
      index: 'i',
      userToken: 'u',
      queryID: QID,
      objectIDs: ['x'],
    },
    convertedFilters: {
      eventType: 'conversion',
      eventName: 'c',
      index: 'i',
      userToken: 'u',
      filters: ['brand:Apple'],
    },
    addedToCartAfterSearch: { ...purchase, eventSubtype: 'addToCart', queryID: QID, value: 39.98 },
    purchasedObjectIDsAfterSearch: purchase,
    viewedObjectIDs: { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', objectIDs: ['x'] },
    viewedFilters: { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', filters: ['a:b', 'c:d'] },
    instantsearch: { eventType: 'instantsearch', eventName: 'agent', userToken: 'u', agentID: 'bot-1' },
    numericUserToken: { eventType: 'view', eventName: 'v', index: 'i', userToken: 42, objectIDs: ['x'] },
    unknownFields: { ...click, algoliaSource: ['autocomplete'], objectIDsWithInferredQueryID: ['a'] },
    messageQueryId: { ...click, queryID: 'message_abc 123' },
    timestampNow: { ...click, timestamp: NOW - 1000 },
    userTokenAtMaxLength: { ...click, userToken: 'a'.repeat(LIMITS.maxUserTokenLength) },
  };
  for (const [name, event] of Object.entries(valid)) {
    it(name, () => expect(check(event)).toBeNull());
  }
});

describe('validateEvent rejects each rule with its code, field and fix', () => {
  const cases: [string, unknown, IssueCode, string][] = [
    ['not an object', 'x', 'EVENT_NOT_OBJECT', 'events[0]'],
    ['no eventName', { ...click, eventName: undefined }, 'EVENT_NAME_MISSING', 'events[0].eventName'],
    [
      'eventName too long',
      { ...click, eventName: 'x'.repeat(65) },
      'EVENT_NAME_INVALID',
      'events[0].eventName',
    ],
    ['eventName non-ASCII', { ...click, eventName: 'Clické' }, 'EVENT_NAME_INVALID', 'events[0].eventName'],
    ['eventName empty', { ...click, eventName: '' }, 'EVENT_NAME_INVALID', 'events[0].eventName'],
    ['eventName number', { ...click, eventName: 12 }, 'FIELD_TYPE', 'events[0].eventName'],
    ['no eventType', { ...click, eventType: undefined }, 'EVENT_TYPE_MISSING', 'events[0].eventType'],
    ['bad eventType', { ...click, eventType: 'Click' }, 'EVENT_TYPE_INVALID', 'events[0].eventType'],
    [
      'bad eventSubtype',
      { ...purchase, eventSubtype: 'refund' },
      'EVENT_SUBTYPE_INVALID',
      'events[0].eventSubtype',
    ],
    ['no index', { ...click, index: undefined }, 'INDEX_MISSING', 'events[0].index'],
    ['empty index', { ...click, index: '' }, 'INDEX_EMPTY', 'events[0].index'],
    ['no userToken', { ...click, userToken: undefined }, 'USER_TOKEN_MISSING', 'events[0].userToken'],
    [
      'userToken bad char',
      { ...click, userToken: 'me@example.com' },
      'USER_TOKEN_INVALID',
      'events[0].userToken',
    ],
    [
      'userToken too long',
      { ...click, userToken: 'a'.repeat(130) },
      'USER_TOKEN_INVALID',
      'events[0].userToken',
    ],
    ['userToken fraction', { ...click, userToken: 1.5 }, 'FIELD_TYPE', 'events[0].userToken'],
    [
      'authenticatedUserToken bad',
      { ...click, authenticatedUserToken: 'a b' },
      'AUTHENTICATED_USER_TOKEN_INVALID',
      'events[0].authenticatedUserToken',
    ],
    [
      'C1 neither objectIDs nor filters',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u' },
      'OBJECTS_OR_FILTERS_MISSING',
      'events[0]',
    ],
    [
      'C2 both',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', objectIDs: ['x'], filters: ['a:b'] },
      'OBJECTS_AND_FILTERS',
      'events[0]',
    ],
    [
      'objectIDs empty',
      { ...click, objectIDs: [], positions: [] },
      'OBJECT_IDS_EMPTY',
      'events[0].objectIDs',
    ],
    [
      'objectIDs 21',
      {
        eventType: 'view',
        eventName: 'v',
        index: 'i',
        userToken: 'u',
        objectIDs: Array.from({ length: 21 }, (_, i) => `o${i}`),
      },
      'OBJECT_IDS_TOO_MANY',
      'events[0].objectIDs',
    ],
    [
      'objectID number',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', objectIDs: [1] },
      'FIELD_TYPE',
      'events[0].objectIDs[0]',
    ],
    [
      'filters 21',
      {
        eventType: 'view',
        eventName: 'v',
        index: 'i',
        userToken: 'u',
        filters: Array.from({ length: 21 }, (_, i) => `a:${i}`),
      },
      'FILTERS_TOO_MANY',
      'events[0].filters',
    ],
    [
      'filter without colon',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', filters: ['brand'] },
      'FILTER_INVALID',
      'events[0].filters[0]',
    ],
    [
      'numeric filter',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', filters: ['price>=10:x'] },
      'FILTER_INVALID',
      'events[0].filters[0]',
    ],
    [
      'filter bad encoding',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', filters: ['a:%E0%A4%A'] },
      'FILTER_INVALID',
      'events[0].filters[0]',
    ],
    [
      'C3 positions on view',
      { eventType: 'view', eventName: 'v', index: 'i', userToken: 'u', objectIDs: ['x'], positions: [1] },
      'POSITIONS_NOT_CLICK',
      'events[0].positions',
    ],
    [
      'C4 positions without queryID',
      { ...click, queryID: undefined },
      'POSITIONS_WITHOUT_QUERY_ID',
      'events[0].positions',
    ],
    [
      'C5 queryID without positions',
      { ...click, positions: undefined },
      'POSITIONS_MISSING',
      'events[0].positions',
    ],
    ['C5 length mismatch', { ...click, positions: [1] }, 'POSITIONS_LENGTH', 'events[0].positions'],
    [
      'position above int32',
      { ...click, positions: [1, 2147483648] },
      'POSITION_INVALID',
      'events[0].positions[1]',
    ],
    [
      'positions with filters',
      {
        eventType: 'click',
        eventName: 'c',
        index: 'i',
        userToken: 'u',
        queryID: QID,
        filters: ['a:b'],
        positions: [1],
      },
      'POSITIONS_WITHOUT_OBJECT_IDS',
      'events[0].positions',
    ],
    ['empty positions', { ...click, positions: [] }, 'POSITIONS_LENGTH', 'events[0].positions'],
    [
      'objectData empty with filters',
      {
        eventType: 'conversion',
        eventName: 'c',
        index: 'i',
        userToken: 'u',
        filters: ['a:b'],
        objectData: [],
      },
      'OBJECT_DATA_LENGTH',
      'events[0].objectData',
    ],
    [
      'price with exponent',
      { ...purchase, objectData: [{ price: 1e21, quantity: 1 }] },
      'DECIMAL_INVALID',
      'events[0].objectData[0].price',
    ],
    ['value 1e300', { ...purchase, value: 1e300 }, 'DECIMAL_INVALID', 'events[0].value'],
    [
      'instantsearch with number objectIDs',
      { eventType: 'instantsearch', eventName: 'a', userToken: 'u', objectIDs: [1] },
      'FIELD_TYPE',
      'events[0].objectIDs[0]',
    ],
    [
      'instantsearch with bad filter',
      { eventType: 'instantsearch', eventName: 'a', userToken: 'u', filters: ['nocolon'] },
      'FILTER_INVALID',
      'events[0].filters[0]',
    ],
    ['C6 position 0', { ...click, positions: [0, 1] }, 'POSITION_INVALID', 'events[0].positions[0]'],
    ['C6 position fraction', { ...click, positions: [1, 2.5] }, 'POSITION_INVALID', 'events[0].positions[1]'],
    ['position string', { ...click, positions: ['1', 2] }, 'FIELD_TYPE', 'events[0].positions[0]'],
    ['queryID uppercase', { ...click, queryID: QID.toUpperCase() }, 'QUERY_ID_INVALID', 'events[0].queryID'],
    ['queryID short', { ...click, queryID: 'abc' }, 'QUERY_ID_INVALID', 'events[0].queryID'],
    [
      'C7 objectData length',
      { ...purchase, objectData: [{}, {}] },
      'OBJECT_DATA_LENGTH',
      'events[0].objectData',
    ],
    [
      'price not decimal',
      { ...purchase, objectData: [{ price: 'ten' }] },
      'DECIMAL_INVALID',
      'events[0].objectData[0].price',
    ],
    [
      'price 17 chars',
      { ...purchase, objectData: [{ price: '1234567890.123456' }] },
      'DECIMAL_INVALID',
      'events[0].objectData[0].price',
    ],
    [
      'price boolean',
      { ...purchase, objectData: [{ price: true }] },
      'FIELD_TYPE',
      'events[0].objectData[0].price',
    ],
    [
      'quantity fraction',
      { ...purchase, objectData: [{ quantity: 1.5 }] },
      'QUANTITY_INVALID',
      'events[0].objectData[0].quantity',
    ],
    [
      'objectData queryID bad',
      { ...purchase, objectData: [{ queryID: 'x' }] },
      'QUERY_ID_INVALID',
      'events[0].objectData[0].queryID',
    ],
    [
      'C8 price without currency',
      { ...purchase, currency: undefined },
      'CURRENCY_MISSING',
      'events[0].currency',
    ],
    [
      'C8 value without currency',
      { ...purchase, objectData: undefined, value: 10, currency: undefined },
      'CURRENCY_MISSING',
      'events[0].currency',
    ],
    ['currency 4 letters', { ...purchase, currency: 'EURO' }, 'CURRENCY_INVALID', 'events[0].currency'],
    ['C9 value object', { ...purchase, value: {} }, 'FIELD_TYPE', 'events[0].value'],
    [
      'timestamp 31 days old',
      { ...click, timestamp: NOW - 31 * 86_400_000 },
      'TIMESTAMP_TOO_OLD',
      'events[0].timestamp',
    ],
    [
      'timestamp in seconds',
      { ...click, timestamp: Math.floor(NOW / 1000) },
      'TIMESTAMP_TOO_OLD',
      'events[0].timestamp',
    ],
    [
      'timestamp 1 hour ahead',
      { ...click, timestamp: NOW + 3_600_000 },
      'TIMESTAMP_IN_FUTURE',
      'events[0].timestamp',
    ],
    ['timestamp string', { ...click, timestamp: '2026-12-01' }, 'FIELD_TYPE', 'events[0].timestamp'],
    [
      'agentID empty',
      { eventType: 'instantsearch', eventName: 'a', userToken: 'u', agentID: '' },
      'AGENT_ID_INVALID',
      'events[0].agentID',
    ],
  ];
  for (const [name, event, code, field] of cases) {
    it(name, () => {
      const found = check(event);
      expect(found, name).not.toBeNull();
      expect(found!.code).toBe(code);
      expect(found!.field).toBe(field);
      expect(found!.message.startsWith(`${field}: `)).toBe(true);
      expect(found!.message).toContain(ISSUE_CODES[code]);
      expect(found!.fix.length).toBeGreaterThan(5);
    });
  }

  it('says seconds timestamps look like seconds', () => {
    expect(check({ ...click, timestamp: Math.floor(NOW / 1000) })!.fix).toContain('multiply by 1000');
  });

  it('honours the configurable filter cap, timestamp window and currency rule', () => {
    const tenPlus = {
      eventType: 'view',
      eventName: 'v',
      index: 'i',
      userToken: 'u',
      filters: Array.from({ length: 11 }, (_, i) => `a:${i}`),
    };
    expect(validateEvent(tenPlus, '', { now: NOW })).toBeNull();
    expect(validateEvent(tenPlus, '', { now: NOW, maxFilters: 10 })!.code).toBe('FILTERS_TOO_MANY');
    // The "seconds" hint only where the value, read as seconds, is a recent time.
    expect(validateEvent({ ...click, timestamp: Math.floor(NOW / 1000) }, '', { now: NOW })!.fix).toMatch(
      /seconds: multiply by 1000/,
    );
    expect(validateEvent({ ...click, timestamp: 1 }, '', { now: NOW })!.fix).toMatch(
      /milliseconds since the epoch/,
    );
    const fiveDays = { ...click, timestamp: NOW - 5 * 86_400_000 };
    expect(validateEvent(fiveDays, '', { now: NOW })).toBeNull();
    expect(validateEvent(fiveDays, '', { now: NOW, maxTimestampAgeMs: 4 * 86_400_000 })!.code).toBe(
      'TIMESTAMP_TOO_OLD',
    );
    expect(
      validateEvent({ ...purchase, currency: undefined }, '', { now: NOW, requireCurrency: false }),
    ).toBeNull();
    expect(
      validateEvent({ ...click, userToken: 7 }, '', { now: NOW, acceptNumericUserToken: false })!.code,
    ).toBe('FIELD_TYPE');
  });
});

describe('parseFilter', () => {
  it('URL-decodes the whole string before splitting on the first colon', () => {
    expect(parseFilter('brand%3AApple')).toEqual({ attribute: 'brand', value: 'Apple' });
    expect(parseFilter('discount:10%25')).toEqual({ attribute: 'discount', value: '10%' });
    expect(parseFilter('time:12:30')).toEqual({ attribute: 'time', value: '12:30' });
    expect(parseFilter(':x')).toBeNull();
    expect(parseFilter('x:')).toBeNull();
  });
});

describe('validateBatch', () => {
  it('accepts a batch and turns numeric user tokens into strings', () => {
    const result = validateBatch({ events: [click, { ...click, userToken: 12 }] }, { now: NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.events[1]!.userToken).toBe('12');
  });

  const bodies: [string, unknown, IssueCode][] = [
    ['array body', [click], 'BATCH_IS_ARRAY'],
    ['string body', 'hello', 'BATCH_NOT_OBJECT'],
    ['null body', null, 'BATCH_NOT_OBJECT'],
    ['bare event', click, 'BATCH_NO_EVENTS'],
    ['empty events', { events: [] }, 'BATCH_NO_EVENTS'],
    ['events object', { events: {} }, 'BATCH_EVENTS_NOT_ARRAY'],
    ['1001 events', { events: Array.from({ length: 1001 }, () => click) }, 'BATCH_TOO_MANY_EVENTS'],
  ];
  for (const [name, body, code] of bodies) {
    it(`refuses ${name}`, () => {
      const result = validateBatch(body, { now: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issue.code).toBe(code);
        expect(result.eventIndex).toBe(-1);
      }
    });
  }

  it('accepts exactly 1000 events', () => {
    expect(validateBatch({ events: Array.from({ length: 1000 }, () => click) }, { now: NOW }).ok).toBe(true);
  });

  it('refuses the whole batch for one bad event and names every culprit', () => {
    const result = validateBatch(
      { events: [click, { ...click, eventName: '' }, click, { ...click, positions: [0, 1] }] },
      { now: NOW },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.eventIndex).toBe(1);
    expect(result.issue.field).toBe('events[1].eventName');
    expect(result.eventIssues.map((found) => found?.code ?? null)).toEqual([
      null,
      'EVENT_NAME_INVALID',
      null,
      'POSITION_INVALID',
    ]);
    expect(result.events).toHaveLength(4);
  });
});
