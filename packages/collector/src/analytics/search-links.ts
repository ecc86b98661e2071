import { QUERY_ID_PATTERN } from '@sightline/events';

/** What a link row says about the search it points to. */
export type LinkKind = 'click' | 'conversion' | 'addToCart' | 'purchase';

/**
 * One fact tying an accepted event to a search (by queryID), written with the event in the same
 * transaction. Analytics join these with the tracked searches at read time, so an event that
 * arrives before its search is reported still counts once the search is there.
 */
export interface SearchLink {
  queryID: string;
  kind: LinkKind;
  /**
   * 1 on exactly one row per (event, queryID), 0 on the others: an event touching several objects
   * is still one click or one conversion of that search.
   */
  counts: 0 | 1;
  /** The object of this row; null for filter-based events. */
  objectID: string | null;
  /** Clicks only: the absolute 1-based position of `objectID`. */
  position: number | null;
  /** Purchases only: ISO 4217 code, upper case, when the item has a price. */
  currency: string | null;
  /** Purchases only: price × quantity of this item (quantity defaults to 1). */
  revenue: number | null;
}

/**
 * A price as a number: numbers as they are, decimal strings parsed (validation already checked
 * their format); anything else has no price.
 */
export function parsePrice(price: unknown): number | null {
  if (typeof price === 'number') return Number.isFinite(price) ? price : null;
  if (typeof price === 'string' && price.trim() !== '') {
    const n = Number(price);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function queryIdOf(value: unknown): string | null {
  return typeof value === 'string' && QUERY_ID_PATTERN.test(value) ? value : null;
}

/**
 * The search links of one accepted event. Clicks with a queryID give one row per object (with its
 * position); conversions give one row per object tied to a search through the object's own queryID
 * (objectData[i].queryID) or else the event's. Views and events tied to no search give none.
 */
export function deriveSearchLinks(event: unknown): SearchLink[] {
  if (typeof event !== 'object' || event === null) return [];
  const e = event as Record<string, unknown>;
  const objectIDs = Array.isArray(e.objectIDs) ? (e.objectIDs as unknown[]) : null;
  const eventQueryID = queryIdOf(e.queryID);

  if (e.eventType === 'click') {
    if (!eventQueryID) return [];
    if (!objectIDs || objectIDs.length === 0) {
      return [blank(eventQueryID, 'click', 1)];
    }
    const positions = Array.isArray(e.positions) ? (e.positions as unknown[]) : [];
    return objectIDs.map((objectID, i) => {
      const position = positions[i];
      return {
        ...blank(eventQueryID, 'click', i === 0 ? 1 : 0),
        objectID: String(objectID),
        position: typeof position === 'number' && Number.isInteger(position) ? position : null,
      };
    });
  }

  if (e.eventType !== 'conversion') return [];
  const kind: LinkKind =
    e.eventSubtype === 'addToCart' ? 'addToCart' : e.eventSubtype === 'purchase' ? 'purchase' : 'conversion';
  if (!objectIDs || objectIDs.length === 0) return eventQueryID ? [blank(eventQueryID, kind, 1)] : [];
  const objectData = Array.isArray(e.objectData) ? (e.objectData as unknown[]) : [];
  const currency = typeof e.currency === 'string' ? e.currency.toUpperCase() : null;
  const counted = new Set<string>();
  const links: SearchLink[] = [];
  objectIDs.forEach((objectID, i) => {
    const data = objectData[i];
    const item = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const queryID = queryIdOf(item.queryID) ?? eventQueryID;
    if (!queryID) return;
    const link = blank(queryID, kind, counted.has(queryID) ? 0 : 1);
    counted.add(queryID);
    link.objectID = String(objectID);
    const price = kind === 'purchase' ? parsePrice(item.price) : null;
    if (price !== null && currency !== null) {
      // Missing quantity counts as one unit (the Insights docs leave it open; see docs/analytics.md).
      const quantity = typeof item.quantity === 'number' ? item.quantity : 1;
      link.currency = currency;
      link.revenue = price * quantity;
    }
    links.push(link);
  });
  return links;
}

function blank(queryID: string, kind: LinkKind, counts: 0 | 1): SearchLink {
  return { queryID, kind, counts, objectID: null, position: null, currency: null, revenue: null };
}
