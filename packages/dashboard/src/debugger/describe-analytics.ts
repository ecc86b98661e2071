import type { DebuggerEntry, TrackedSearch } from '../api/types.js';

/** Whether an event can feed one analytics feature, and why (not). */
export interface AnalyticsUse {
  feature: 'Click analytics' | 'Conversion analytics' | 'Revenue';
  usable: boolean;
  reason: string;
}

type Payload = Record<string, unknown>;

function payload(entry: DebuggerEntry): Payload {
  return typeof entry.event === 'object' && entry.event !== null ? (entry.event as Payload) : {};
}

function items(e: Payload): Payload[] {
  return Array.isArray(e.objectData)
    ? e.objectData.map((d) => (typeof d === 'object' && d !== null ? (d as Payload) : {}))
    : [];
}

/** Every queryID an event names: its own, then its objects' (objectData[i].queryID), without repeats. */
export function queryIdsOf(entry: DebuggerEntry): string[] {
  const e = payload(entry);
  const ids = [e.queryID, ...items(e).map((d) => d.queryID)].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  return [...new Set(ids)];
}

/**
 * Which analytics an event can feed, with the collector's rules (docs/analytics.md): click analytics
 * needs an accepted click with a queryID and positions matching a tracked search; conversion
 * analytics an accepted conversion tied to a tracked search; revenue a purchase with a price and a
 * currency whose items are tied to a tracked search (the item's queryID, else the event's).
 * `searches` maps each queryID of {@link queryIdsOf} to its tracked search (null: none).
 */
export function analyticsUses(
  entry: DebuggerEntry,
  searches: ReadonlyMap<string, TrackedSearch | null>,
): AnalyticsUse[] {
  const e = payload(entry);
  const found = (id: unknown) => typeof id === 'string' && (searches.get(id) ?? null) !== null;
  const unknownSearch = (id: string) =>
    `queryID ${id} matches no tracked search: the search backend must report it (POST /1/searches).`;
  const refused = 'Refused events feed no analytics.';
  const click = (): AnalyticsUse => {
    const no = (reason: string): AnalyticsUse => ({ feature: 'Click analytics', usable: false, reason });
    if (!entry.accepted) return no(refused);
    if (e.eventType !== 'click') return no('Only click events feed click-through rate and positions.');
    if (typeof e.queryID !== 'string') return no('The click has no queryID, so it is tied to no search.');
    if (!Array.isArray(e.positions))
      return no('The click has no positions: it counts for CTR only once positions are sent.');
    if (!found(e.queryID)) return no(unknownSearch(e.queryID));
    return {
      feature: 'Click analytics',
      usable: true,
      reason: `Counts for CTR and click positions (${(e.positions as unknown[]).join(', ')}) of the search "${searches.get(e.queryID)!.query}".`,
    };
  };
  const conversion = (): AnalyticsUse => {
    const no = (reason: string): AnalyticsUse => ({ feature: 'Conversion analytics', usable: false, reason });
    if (!entry.accepted) return no(refused);
    if (e.eventType !== 'conversion') return no('Only conversion events feed conversion rates.');
    const ids = queryIdsOf(entry);
    if (ids.length === 0) return no('No queryID on the event or its objectData: it is tied to no search.');
    const tied = ids.filter(found);
    if (tied.length === 0) return no(unknownSearch(ids[0]!));
    const kind =
      e.eventSubtype === 'purchase'
        ? 'purchase'
        : e.eventSubtype === 'addToCart'
          ? 'add-to-cart'
          : 'conversion';
    return {
      feature: 'Conversion analytics',
      usable: true,
      reason: `Counts as a ${kind} of ${tied.length === 1 ? 'a tracked search' : `${tied.length} tracked searches`}.`,
    };
  };
  const revenue = (): AnalyticsUse => {
    const no = (reason: string): AnalyticsUse => ({ feature: 'Revenue', usable: false, reason });
    if (!entry.accepted) return no(refused);
    if (e.eventType !== 'conversion' || e.eventSubtype !== 'purchase')
      return no('Only purchases bring revenue.');
    if (typeof e.currency !== 'string') return no('No currency on the event.');
    const priced = items(e).filter((d) => d.price !== undefined);
    if (priced.length === 0) return no('No objectData item has a price.');
    const tied = priced.filter((d) => found(d.queryID ?? e.queryID));
    if (tied.length === 0)
      return no('No priced item is tied to a tracked search (item queryID, else event queryID).');
    const total = tied.reduce(
      (sum, d) => sum + Number(d.price) * (typeof d.quantity === 'number' ? d.quantity : 1),
      0,
    );
    return {
      feature: 'Revenue',
      usable: true,
      reason: `${tied.length} of ${priced.length} priced items count: ${total.toFixed(2)} ${e.currency.toUpperCase()}.`,
    };
  };
  return [click(), conversion(), revenue()];
}
