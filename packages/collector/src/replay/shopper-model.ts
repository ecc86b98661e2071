import { type PopularQuery, popularityPicker } from './queries.js';
import { type Random, skewedPosition } from './random.js';
import type { ShopSearch } from './shop-search.js';

/** How simulated shoppers behave. Every rate is a probability per tracked search. */
export interface ShopperModel {
  /** Share of searches with at least one click. @default 0.6 */
  clickRate?: number;
  /** Share of searches ending in a conversion (of the clicked object); at most `clickRate`. @default 0.15 */
  conversionRate?: number;
  /** Share of conversions that are purchases (the rest are add-to-carts). @default 0.5 */
  purchaseShare?: number;
  /** Currency of purchase prices. @default 'USD' */
  currency?: string;
}

/** {@link ShopperModel} with every default applied. */
export type ResolvedShopperModel = Required<ShopperModel>;

/** The defaults of {@link ShopperModel}, stated once. */
export const SHOPPER_DEFAULTS: ResolvedShopperModel = {
  clickRate: 0.6,
  conversionRate: 0.15,
  purchaseShare: 0.5,
  currency: 'USD',
};

/** Fills and checks a {@link ShopperModel}. */
export function resolveShopperModel(model: ShopperModel = {}): ResolvedShopperModel {
  const resolved = {
    clickRate: model.clickRate ?? SHOPPER_DEFAULTS.clickRate,
    conversionRate: model.conversionRate ?? SHOPPER_DEFAULTS.conversionRate,
    purchaseShare: model.purchaseShare ?? SHOPPER_DEFAULTS.purchaseShare,
    currency: model.currency ?? SHOPPER_DEFAULTS.currency,
  };
  for (const key of ['clickRate', 'conversionRate', 'purchaseShare'] as const) {
    const value = resolved[key];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${key} must be between 0 and 1 (got ${value}).`);
  }
  if (resolved.conversionRate > resolved.clickRate) {
    throw new RangeError(
      `conversionRate (${resolved.conversionRate}) cannot exceed clickRate (${resolved.clickRate}): shoppers convert what they clicked.`,
    );
  }
  if (!/^[A-Z]{3}$/.test(resolved.currency)) {
    throw new RangeError(`currency must be a 3-letter ISO 4217 code (got ${resolved.currency}).`);
  }
  return resolved;
}

/** One simulated tracked search and what the shopper did after it. */
export interface SimulatedSearch {
  queryID: string;
  query: string;
  nbHits: number;
  /** Clicked results, in click order. */
  clicks: { objectID: string; position: number }[];
  conversion: null | {
    subtype: 'addToCart' | 'purchase';
    objectID: string;
    /** Unit price of the product in the shop. */
    price: number;
    quantity: number;
  };
}

/**
 * Draws searches the way shoppers make them: popular queries more often, clicks skewed to the top.
 * Hit counts, the clicked products and their prices come from `search` (the demo shop's), so a
 * replayed click names a product the shop shows at that position for that query.
 */
export function createShopperSimulator(
  queries: PopularQuery[],
  model: ResolvedShopperModel,
  search: ShopSearch,
) {
  const pick = popularityPicker(queries);
  return (random: Random): SimulatedSearch => {
    const q = pick(random);
    const { nbHits, hits } = search(q.query);
    const simulated: SimulatedSearch = {
      queryID: random.hex32(),
      query: q.query,
      nbHits,
      clicks: [],
      conversion: null,
    };
    if (nbHits === 0 || !random.chance(model.clickRate)) return simulated;
    const first = skewedPosition(random, nbHits);
    simulated.clicks.push({ objectID: hits[first - 1]!.objectID, position: first });
    // Some shoppers look at a second result before deciding.
    if (random.chance(0.15)) {
      const second = skewedPosition(random, nbHits);
      if (second !== first) simulated.clicks.push({ objectID: hits[second - 1]!.objectID, position: second });
    }
    if (model.clickRate > 0 && random.chance(model.conversionRate / model.clickRate)) {
      const position = simulated.clicks[0]!.position;
      simulated.conversion = {
        subtype: random.chance(model.purchaseShare) ? 'purchase' : 'addToCart',
        objectID: hits[position - 1]!.objectID,
        price: hits[position - 1]!.price,
        quantity: random.chance(0.2) ? 2 : 1,
      };
    }
    return simulated;
  };
}

/** The Insights events of a simulated search, in the order a shopper sends them. */
export function eventsOf(
  search: SimulatedSearch,
  context: { index: string; userToken: string; currency: string; timestamp?: number },
): Record<string, unknown>[] {
  const base = {
    index: context.index,
    userToken: context.userToken,
    queryID: search.queryID,
    ...(context.timestamp === undefined ? {} : { timestamp: context.timestamp }),
  };
  const events: Record<string, unknown>[] = search.clicks.map((click) => ({
    ...base,
    eventType: 'click',
    eventName: 'Product Clicked',
    objectIDs: [click.objectID],
    positions: [click.position],
  }));
  const c = search.conversion;
  if (c) {
    events.push({
      ...base,
      eventType: 'conversion',
      eventSubtype: c.subtype,
      eventName: c.subtype === 'purchase' ? 'Product Purchased' : 'Product Added To Cart',
      objectIDs: [c.objectID],
      objectData: [{ price: c.price.toFixed(2), quantity: c.quantity, queryID: search.queryID }],
      currency: context.currency,
    });
  }
  return events;
}
