import { ISSUE_CODES, type IssueCode, type ValidationIssue } from './issues.js';
import {
  CURRENCY_PATTERN,
  DECIMAL_STRING_PATTERN,
  EVENT_NAME_PATTERN,
  EVENT_SUBTYPES,
  EVENT_TYPES,
  LIMITS,
  MESSAGE_QUERY_ID_PATTERN,
  QUERY_ID_PATTERN,
  resolveValidationOptions,
  USER_TOKEN_PATTERN,
  type ValidationOptions,
} from './rules.js';

/** The JSON type of a value as a reader would name it: `string`, `integer`, `array`, `null`, … */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Positions and quantities are int32 in the API schema. */
const INT32_MAX = 2_147_483_647;

function issue(code: IssueCode, field: string, detail: string, fix: string): ValidationIssue {
  return { code, field, message: `${field}: ${ISSUE_CODES[code]} ${detail}`.trim(), fix };
}

function typeIssue(field: string, expected: string, value: unknown): ValidationIssue {
  return issue(
    'FIELD_TYPE',
    field,
    `Expected ${expected}, got ${jsonTypeOf(value)}.`,
    `send ${field} as ${expected}.`,
  );
}

/** An ISO date for messages; timestamps beyond the Date range (±8.64e15 ms) would make toISOString throw. */
function describeTime(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function checkToken(
  field: string,
  value: unknown,
  code: 'USER_TOKEN_INVALID' | 'AUTHENTICATED_USER_TOKEN_INVALID',
  acceptNumber: boolean,
): ValidationIssue | null {
  if (typeof value === 'number' && acceptNumber && Number.isSafeInteger(value)) return null;
  if (typeof value !== 'string') return typeIssue(field, 'a string', value);
  if (value.length === 0 || value.length > LIMITS.maxUserTokenLength) {
    return issue(
      code,
      field,
      `Got ${value.length} characters.`,
      'use a shorter identifier, e.g. a hash of your internal user ID.',
    );
  }
  if (!USER_TOKEN_PATTERN.test(value)) {
    const bad = value.match(/[^a-zA-Z0-9_=/+-]/)?.[0] ?? '';
    return issue(
      code,
      field,
      `Got ${quote(value)} with ${JSON.stringify(bad)}.`,
      'remove or replace that character (never put e-mail addresses or names in tokens).',
    );
  }
  return null;
}

function checkQueryId(field: string, value: unknown): ValidationIssue | null {
  if (typeof value !== 'string') return typeIssue(field, 'a string', value);
  if (QUERY_ID_PATTERN.test(value)) return null;
  if (MESSAGE_QUERY_ID_PATTERN.test(value) && value.length <= LIMITS.maxMessageQueryIdLength) return null;
  return issue(
    'QUERY_ID_INVALID',
    field,
    `Got ${quote(value)}.`,
    'copy queryID unchanged from a search response made with clickAnalytics=true.',
  );
}

function checkDecimal(field: string, value: unknown): ValidationIssue | null {
  if (typeof value === 'number') {
    // Judge a number by how it prints, so 1e300 (printed "1e+300") cannot slip past the 16-character rule.
    const printed = String(value);
    return printed.length <= LIMITS.maxDecimalStringLength && DECIMAL_STRING_PATTERN.test(printed)
      ? null
      : issue(
          'DECIMAL_INVALID',
          field,
          `Got ${printed}.`,
          'send a plain decimal of at most 16 characters, without an exponent.',
        );
  }
  if (typeof value !== 'string') return typeIssue(field, 'a number or a decimal string', value);
  if (value.length > LIMITS.maxDecimalStringLength || !DECIMAL_STRING_PATTERN.test(value)) {
    return issue('DECIMAL_INVALID', field, `Got ${quote(value)}.`, 'send a decimal such as "19.99".');
  }
  return null;
}

function checkStringArray(field: string, value: unknown): ValidationIssue | null {
  if (!Array.isArray(value)) return typeIssue(field, 'an array of strings', value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') return typeIssue(`${field}[${i}]`, 'a string', value[i]);
  }
  return null;
}

/** Decodes a filter as the API does: URL-decode the whole string, then split on the first `:`. */
export function parseFilter(filter: string): { attribute: string; value: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(filter);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  const attribute = decoded.slice(0, colon);
  // Numeric filters (`price<100`, `price:10 TO 20` stays a facet value) have an operator in the attribute.
  if (/[<>=!]/.test(attribute)) return null;
  return { attribute, value: decoded.slice(colon + 1) };
}

/**
 * Checks one event against every rule of the Insights API, in the documented order, and returns
 * the first broken rule, or `null` when the API would accept the event.
 *
 * @param event - the event as parsed from JSON (anything).
 * @param path - prefix for field names in messages, e.g. `events[3]`.
 */
export function validateEvent(
  event: unknown,
  path = '',
  options: ValidationOptions = {},
): ValidationIssue | null {
  const opts = resolveValidationOptions(options);
  const at = (name: string) => (path ? `${path}.${name}` : name);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return issue(
      'EVENT_NOT_OBJECT',
      path || 'event',
      `Got ${jsonTypeOf(event)}.`,
      'send each event as an object.',
    );
  }
  const e = event as Record<string, unknown>;

  if (e.eventName === undefined) {
    return issue('EVENT_NAME_MISSING', at('eventName'), '', 'name the event, e.g. "Product Clicked".');
  }
  if (typeof e.eventName !== 'string') return typeIssue(at('eventName'), 'a string', e.eventName);
  if (!EVENT_NAME_PATTERN.test(e.eventName)) {
    return issue(
      'EVENT_NAME_INVALID',
      at('eventName'),
      `Got ${e.eventName.length} characters: ${quote(e.eventName)}.`,
      'use at most 64 characters of plain ASCII, e.g. "Product Clicked".',
    );
  }

  if (e.eventType === undefined) {
    return issue('EVENT_TYPE_MISSING', at('eventType'), '', 'set eventType to click, conversion or view.');
  }
  if (typeof e.eventType !== 'string') return typeIssue(at('eventType'), 'a string', e.eventType);
  if (!(EVENT_TYPES as readonly string[]).includes(e.eventType)) {
    return issue(
      'EVENT_TYPE_INVALID',
      at('eventType'),
      `Got ${quote(e.eventType)}.`,
      'use click, conversion or view (lower case; instantsearch is accepted too).',
    );
  }
  const type = e.eventType;
  if (e.eventSubtype !== undefined && type === 'conversion') {
    if (typeof e.eventSubtype !== 'string') return typeIssue(at('eventSubtype'), 'a string', e.eventSubtype);
    if (!(EVENT_SUBTYPES as readonly string[]).includes(e.eventSubtype)) {
      return issue(
        'EVENT_SUBTYPE_INVALID',
        at('eventSubtype'),
        `Got ${quote(e.eventSubtype)}.`,
        'use addToCart or purchase, or leave eventSubtype out.',
      );
    }
  }

  const agentic = type === 'instantsearch';
  if (!agentic || e.index !== undefined) {
    if (e.index === undefined) {
      return issue('INDEX_MISSING', at('index'), '', 'set index to the name of the index that was searched.');
    }
    if (typeof e.index !== 'string') return typeIssue(at('index'), 'a string', e.index);
    if (e.index.length === 0) return issue('INDEX_EMPTY', at('index'), '', 'set index to an index name.');
  }

  if (e.userToken === undefined || e.userToken === null) {
    return issue(
      'USER_TOKEN_MISSING',
      at('userToken'),
      '',
      'set userToken, or call setUserToken / setAnonymousUserToken before sending.',
    );
  }
  const tokenIssue = checkToken(
    at('userToken'),
    e.userToken,
    'USER_TOKEN_INVALID',
    opts.acceptNumericUserToken,
  );
  if (tokenIssue) return tokenIssue;
  if (e.authenticatedUserToken !== undefined) {
    const authIssue = checkToken(
      at('authenticatedUserToken'),
      e.authenticatedUserToken,
      'AUTHENTICATED_USER_TOKEN_INVALID',
      opts.acceptNumericUserToken,
    );
    if (authIssue) return authIssue;
  }

  if (agentic && e.agentID !== undefined && (typeof e.agentID !== 'string' || e.agentID.length === 0)) {
    return issue(
      'AGENT_ID_INVALID',
      at('agentID'),
      `Got ${jsonTypeOf(e.agentID)}.`,
      'send a non-empty string.',
    );
  }
  // objectIDs or filters are optional on agentic events, but checked by the same rules when present.
  {
    const hasObjects = e.objectIDs !== undefined;
    const hasFilters = e.filters !== undefined;
    if (!agentic && !hasObjects && !hasFilters) {
      return issue(
        'OBJECTS_OR_FILTERS_MISSING',
        path || 'event',
        '',
        'add objectIDs (the records acted on) or filters (the facets used).',
      );
    }
    if (hasObjects && hasFilters) {
      return issue(
        'OBJECTS_AND_FILTERS',
        path || 'event',
        '',
        'send two events: one with objectIDs, one with filters.',
      );
    }
    if (hasObjects) {
      const arrayIssue = checkStringArray(at('objectIDs'), e.objectIDs);
      if (arrayIssue) return arrayIssue;
      const ids = e.objectIDs as string[];
      if (ids.length === 0)
        return issue('OBJECT_IDS_EMPTY', at('objectIDs'), 'Got 0.', 'list at least one object ID.');
      if (ids.length > LIMITS.maxObjectsPerEvent) {
        return issue(
          'OBJECT_IDS_TOO_MANY',
          at('objectIDs'),
          `Got ${ids.length}.`,
          'split the objects over several events.',
        );
      }
      const empty = ids.indexOf('');
      if (empty >= 0)
        return issue('OBJECT_ID_EMPTY', at(`objectIDs[${empty}]`), '', 'send the objectID of the record.');
    } else if (hasFilters) {
      const arrayIssue = checkStringArray(at('filters'), e.filters);
      if (arrayIssue) return arrayIssue;
      const filters = e.filters as string[];
      if (filters.length === 0)
        return issue('FILTERS_EMPTY', at('filters'), 'Got 0.', 'list at least one filter.');
      if (filters.length > opts.maxFilters) {
        return issue(
          'FILTERS_TOO_MANY',
          at('filters'),
          `At most ${opts.maxFilters}, got ${filters.length}.`,
          'split the filters over several events.',
        );
      }
      for (let i = 0; i < filters.length; i++) {
        if (!parseFilter(filters[i]!)) {
          return issue(
            'FILTER_INVALID',
            at(`filters[${i}]`),
            `Got ${quote(filters[i]!)}.`,
            'send "attribute:value", e.g. "brand:Apple" (URL-encode ":" or "%" inside a part).',
          );
        }
      }
    }
  }

  const isClick = type === 'click';
  if (e.positions !== undefined) {
    if (!isClick) {
      return issue('POSITIONS_NOT_CLICK', at('positions'), `Got it on a ${type} event.`, 'remove positions.');
    }
    if (!Array.isArray(e.positions)) return typeIssue(at('positions'), 'an array of integers', e.positions);
    if (!Array.isArray(e.objectIDs)) {
      return issue(
        'POSITIONS_WITHOUT_OBJECT_IDS',
        at('positions'),
        '',
        'send positions only with objectIDs (one per object), or remove them.',
      );
    }
    if (e.queryID === undefined) {
      return issue(
        'POSITIONS_WITHOUT_QUERY_ID',
        at('positions'),
        '',
        'add the queryID of the search, or use clickedObjectIDs without positions.',
      );
    }
  }
  if (e.queryID !== undefined) {
    const queryIssue = checkQueryId(at('queryID'), e.queryID);
    if (queryIssue) return queryIssue;
  }
  if (isClick && e.queryID !== undefined && Array.isArray(e.objectIDs)) {
    if (e.positions === undefined) {
      return issue(
        'POSITIONS_MISSING',
        at('positions'),
        '',
        'send the absolute 1-based position of each clicked object, or drop queryID.',
      );
    }
    const positions = e.positions as unknown[];
    if (positions.length !== e.objectIDs.length) {
      return issue(
        'POSITIONS_LENGTH',
        at('positions'),
        `Got ${positions.length} positions for ${e.objectIDs.length} object IDs.`,
        'send one position per object ID, in the same order.',
      );
    }
  }
  if (Array.isArray(e.positions)) {
    for (let i = 0; i < e.positions.length; i++) {
      const p: unknown = e.positions[i];
      if (typeof p !== 'number') return typeIssue(at(`positions[${i}]`), 'an integer', p);
      if (!Number.isInteger(p) || p < 1 || p > INT32_MAX) {
        return issue(
          'POSITION_INVALID',
          at(`positions[${i}]`),
          `Got ${p}.`,
          'positions start at 1 (at most 2147483647): page × hitsPerPage + index on the page + 1.',
        );
      }
    }
  }

  if (e.objectData !== undefined) {
    if (!Array.isArray(e.objectData)) return typeIssue(at('objectData'), 'an array of objects', e.objectData);
    if (e.objectData.length === 0) {
      return issue(
        'OBJECT_DATA_LENGTH',
        at('objectData'),
        'Got 0 items.',
        'leave objectData out, or send 1–20 items.',
      );
    }
    if (e.objectData.length > LIMITS.maxObjectsPerEvent) {
      return issue(
        'OBJECT_DATA_TOO_MANY',
        at('objectData'),
        `Got ${e.objectData.length}.`,
        'split the event.',
      );
    }
    if (Array.isArray(e.objectIDs) && e.objectData.length !== e.objectIDs.length) {
      return issue(
        'OBJECT_DATA_LENGTH',
        at('objectData'),
        `Got ${e.objectData.length} items for ${e.objectIDs.length} object IDs.`,
        'send one objectData item per object ID, in the same order.',
      );
    }
    for (let i = 0; i < e.objectData.length; i++) {
      const item: unknown = e.objectData[i];
      const itemPath = at(`objectData[${i}]`);
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return typeIssue(itemPath, 'an object', item);
      }
      const d = item as Record<string, unknown>;
      for (const key of ['price', 'discount'] as const) {
        if (d[key] !== undefined) {
          const decimalIssue = checkDecimal(`${itemPath}.${key}`, d[key]);
          if (decimalIssue) return decimalIssue;
        }
      }
      if (d.quantity !== undefined) {
        if (typeof d.quantity !== 'number')
          return typeIssue(`${itemPath}.quantity`, 'an integer', d.quantity);
        if (!Number.isInteger(d.quantity) || d.quantity < -INT32_MAX - 1 || d.quantity > INT32_MAX) {
          return issue(
            'QUANTITY_INVALID',
            `${itemPath}.quantity`,
            `Got ${d.quantity}.`,
            'send a whole number.',
          );
        }
      }
      if (d.queryID !== undefined) {
        const queryIssue = checkQueryId(`${itemPath}.queryID`, d.queryID);
        if (queryIssue) return queryIssue;
      }
    }
  }
  if (e.value !== undefined) {
    const valueIssue = checkDecimal(at('value'), e.value);
    if (valueIssue) return valueIssue;
  }
  if (e.currency !== undefined) {
    if (typeof e.currency !== 'string') return typeIssue(at('currency'), 'a string', e.currency);
    if (!CURRENCY_PATTERN.test(e.currency)) {
      return issue(
        'CURRENCY_INVALID',
        at('currency'),
        `Got ${quote(e.currency)}.`,
        'use a code such as "USD" or "EUR".',
      );
    }
  } else if (opts.requireCurrency) {
    const pricedItem = Array.isArray(e.objectData)
      ? (e.objectData as Record<string, unknown>[]).findIndex((d) => d?.price !== undefined)
      : -1;
    if (e.value !== undefined || pricedItem >= 0) {
      return issue(
        'CURRENCY_MISSING',
        at('currency'),
        e.value !== undefined ? 'value is set.' : `objectData[${pricedItem}].price is set.`,
        'add currency, e.g. "USD".',
      );
    }
  }

  if (e.timestamp !== undefined) {
    if (typeof e.timestamp !== 'number' || !Number.isInteger(e.timestamp)) {
      return typeIssue(at('timestamp'), 'an integer (milliseconds since the epoch)', e.timestamp);
    }
    if (e.timestamp < opts.now - opts.maxTimestampAgeMs) {
      const days = Math.round(opts.maxTimestampAgeMs / 86_400_000);
      // Seconds only when, read as seconds, it is a date since 2001 (1e9 s) and, read as ms, before
      // 1973 (1e11 ms): the docs' own example `1687193127` is one; a `1` is not.
      const hint =
        e.timestamp >= 1e9 && e.timestamp < 1e11
          ? 'it looks like seconds: multiply by 1000.'
          : 'send milliseconds since the epoch (Date.now()), or drop events this old.';
      return issue(
        'TIMESTAMP_TOO_OLD',
        at('timestamp'),
        `Got ${describeTime(e.timestamp)}; events may be at most ${days} days old.`,
        hint,
      );
    }
    if (e.timestamp > opts.now + opts.maxFutureSkewMs) {
      return issue(
        'TIMESTAMP_IN_FUTURE',
        at('timestamp'),
        `Got ${describeTime(e.timestamp)}, ahead of the server clock by more than ${Math.round(opts.maxFutureSkewMs / 1000)} s.`,
        'send milliseconds since the epoch from a correct clock, or leave timestamp out.',
      );
    }
  }
  return null;
}
