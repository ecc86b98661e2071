import type { DemoPageConfig, Hit, Product } from '../shared/types.js';
import type { CartLine } from './cart.js';

/** The loading snippet's stub (and, once loaded, the client behind it): `aa(method, ...args)`. */
type InsightsFunction = (method: string, ...args: unknown[]) => unknown;

declare global {
  interface Window {
    aa: InsightsFunction;
    /** Injected by the demo server: credentials, collector origin, index and currency. */
    SIGHTLINE_DEMO: DemoPageConfig;
  }
}

/** One event the page sent, for the activity panel. */
export interface SentEvent {
  method: string;
  eventName: string;
  detail: string;
}

type Listener = (event: SentEvent) => void;
const listeners: Listener[] = [];

/** Calls `aa()` and tells the activity panel. */
function send(
  method: string,
  payload: { eventName: string } & Record<string, unknown>,
  detail: string,
): void {
  window.aa(method, payload);
  for (const listener of listeners) listener({ method, eventName: payload.eventName, detail });
}

/** Subscribes to the events this page sends. */
export function onEventSent(listener: Listener): void {
  listeners.push(listener);
}

/**
 * Initializes the client through the snippet's queue: `useCookie` keeps the anonymous token in
 * the `_ALGOLIA` cookie, `host` sends events to the self-hosted collector instead of Algolia.
 */
export function initInsights(config: DemoPageConfig, onToken: (token: string | undefined) => void): void {
  window.aa('init', { appId: config.appId, apiKey: config.apiKey, host: config.host, useCookie: true });
  window.aa('onUserTokenChange', onToken, { immediate: true });
}

/** A click on a search result: position and queryID tie it to the search (CTR, average position). */
export function trackClick(index: string, hit: Hit, queryID: string): void {
  send(
    'clickedObjectIDsAfterSearch',
    { eventName: 'Product Clicked', index, queryID, objectIDs: [hit.objectID], positions: [hit.position] },
    `${hit.objectID} at position ${hit.position}`,
  );
}

/** A product page was seen. */
export function trackView(index: string, product: Product): void {
  send(
    'viewedObjectIDs',
    { eventName: 'Product Viewed', index, objectIDs: [product.objectID] },
    product.objectID,
  );
}

/** An add-to-cart, after a search when the product was found through one. */
export function trackAddToCart(index: string, currency: string, line: CartLine): void {
  const objectData = [
    { price: line.price, quantity: line.quantity, ...(line.queryID ? { queryID: line.queryID } : {}) },
  ];
  const payload = {
    eventName: 'Product Added to Cart',
    index,
    objectIDs: [line.objectID],
    objectData,
    value: roundCents(line.price * line.quantity),
    currency,
  };
  const detail = `${line.quantity} × ${line.objectID}`;
  if (line.queryID) send('addedToCartObjectIDsAfterSearch', { ...payload, queryID: line.queryID }, detail);
  else send('addedToCartObjectIDs', payload, detail);
}

/**
 * A purchase of the whole cart. Each line keeps the queryID of the search it came from, so one
 * order can credit several searches; events carry at most 20 objects, so big carts are split.
 */
export function trackPurchase(index: string, currency: string, lines: readonly CartLine[]): void {
  for (let start = 0; start < lines.length; start += 20) {
    const chunk = lines.slice(start, start + 20);
    const afterSearch = chunk.some((line) => line.queryID);
    send(
      afterSearch ? 'purchasedObjectIDsAfterSearch' : 'purchasedObjectIDs',
      {
        eventName: 'Products Purchased',
        index,
        objectIDs: chunk.map((line) => line.objectID),
        objectData: chunk.map((line) => ({
          price: line.price,
          quantity: line.quantity,
          ...(line.queryID ? { queryID: line.queryID } : {}),
        })),
        value: roundCents(chunk.reduce((sum, line) => sum + line.price * line.quantity, 0)),
        currency,
      },
      `${chunk.length} item(s)`,
    );
  }
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
