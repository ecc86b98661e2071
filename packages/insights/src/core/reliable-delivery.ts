import type { Delivery, DeliveryRequest } from './delivery.js';
import type { Transport, TransportResult } from './ports.js';
import { buildQueryString } from './query-string.js';
import { nextRetry, RETRY_DEFAULTS, type RetryLimits } from './retry-policy.js';
import { splitBatches } from './split-batches.js';
import type { InsightsEvent } from './types.js';
import { createUUID } from './uuid.js';

/** Options of {@link createReliableDelivery}. */
export interface ReliableDeliveryOptions {
  /** Sends one body; its facts drive the retries. */
  transport: Transport;
  /**
   * How long events wait for company before their batch leaves, in ms. 0 batches the calls made
   * in the same task (one request for a click and its view) without delaying anything noticeably.
   * @default 0
   */
  flushIntervalMs?: number;
  /** Retry bounds; see {@link RETRY_DEFAULTS}. */
  retry?: Partial<RetryLimits>;
  /**
   * Stamps each event with `timestamp` (when absent: the moment of the call, not of a later
   * retry) and a random `eventID`, which a Sightline collector uses to store a resent event once.
   * Algolia accepts and ignores unknown event fields. @default true
   */
  stampEvents?: boolean;
  /** Clock in ms since the epoch. @default Date.now */
  now?: () => number;
  /** Jitter source in [0, 1). @default Math.random (jitter needs no cryptographic quality) */
  random?: () => number;
}

/** A {@link Delivery} with controls for the page lifecycle and consent. */
export interface ReliableDelivery extends Delivery {
  /** Sends what is waiting now (call it on `pagehide` / `visibilitychange` hidden). */
  flush(): void;
  /** Drops everything waiting or being retried (opt-out); their calls resolve `false`. */
  clear(): void;
}

interface Pending {
  url: string;
  events: InsightsEvent[];
  resolve: (sent: boolean) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Batching and retrying delivery over a facts-returning transport. Calls that share an endpoint
 * and query string (credentials, agent, extra headers) within one flush interval travel in one
 * request, split at 1000 events and at the 64 kB keepalive/beacon quota. A failed batch is
 * retried per {@link nextRetry} (network errors, 408, 429 with `Retry-After`, 5xx; never other
 * 4xx). Each call's promise resolves with the real outcome: `true` once every batch holding its
 * events was accepted.
 */
export function createReliableDelivery(options: ReliableDeliveryOptions): ReliableDelivery {
  const { transport, flushIntervalMs = 0, stampEvents = true, now = Date.now, random = Math.random } = options;
  const limits: RetryLimits = { ...RETRY_DEFAULTS, ...options.retry };
  let waiting: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by clear(): retries of an older generation stop at their next step.
  let generation = 0;

  async function sendBatch(url: string, events: InsightsEvent[], born: number): Promise<boolean> {
    const body = JSON.stringify({ events });
    const started = now();
    for (let attempt = 1; ; attempt++) {
      const result: TransportResult = await transport(url, body);
      if (result.ok) return true;
      const wait = nextRetry(attempt, now() - started, result, limits, random());
      if (wait === undefined || born !== generation) return false;
      await sleep(wait);
      if (born !== generation) return false;
    }
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const due = waiting;
    waiting = [];
    const byUrl = new Map<string, Pending[]>();
    for (const pending of due) byUrl.set(pending.url, [...(byUrl.get(pending.url) ?? []), pending]);
    for (const [url, group] of byUrl) {
      const owner = new Map<InsightsEvent, Pending>();
      for (const pending of group) for (const event of pending.events) owner.set(event, pending);
      const outcomes = splitBatches([...owner.keys()]).map((batch) =>
        sendBatch(url, batch, generation).then((sent) => ({ batch, sent })),
      );
      // A call succeeds when every batch holding one of its events did.
      void Promise.all(outcomes).then((results) => {
        const failed = new Set<Pending>();
        for (const { batch, sent } of results) if (!sent) for (const event of batch) failed.add(owner.get(event)!);
        for (const pending of group) pending.resolve(!failed.has(pending));
      });
    }
  }

  const deliver = ({ endpoint, params, events }: DeliveryRequest) =>
    new Promise<boolean>((resolve) => {
      const at = now();
      const stamped = stampEvents
        ? events.map((event) => ({ timestamp: at, eventID: createUUID(), ...event }))
        : events;
      waiting.push({ url: `${endpoint}/1/events?${buildQueryString(params)}`, events: stamped, resolve });
      timer ??= setTimeout(flush, flushIntervalMs);
    });

  return Object.assign(deliver, {
    flush,
    clear() {
      generation++;
      clearTimeout(timer);
      timer = undefined;
      for (const pending of waiting) pending.resolve(false);
      waiting = [];
    },
  });
}
