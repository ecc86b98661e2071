import type { Delivery, DeliveryRequest } from './delivery.js';
import type { Outbox, Unsent } from './outbox.js';
import type { Transport, TransportResult } from './ports.js';
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
   * in the same task (a click and the view it causes) without delaying anything noticeably.
   * Read each time a batch starts waiting, so it may change. @default 0
   */
  flushIntervalMs?: number;
  /** Retry bounds; see {@link RETRY_DEFAULTS}. */
  retry?: Partial<RetryLimits>;
  /**
   * Stamps each event with `timestamp` (when absent: the moment of the call, not of a later
   * retry) and a random `eventID`, which a Sightline collector uses to store a resent event once.
   * Algolia accepts and ignores unknown event fields. The outbox keeps stamped events only.
   * @default true
   */
  stampEvents?: boolean;
  /** Keeps unconfirmed events across page loads; see `createOutbox`. @default none */
  outbox?: Outbox;
  /**
   * Whether events still in flight when the page goes away ({@link ReliableDelivery.leave}) stay in
   * the outbox for the next page to resend. A keepalive request usually arrives after the page is
   * gone, so resending makes a copy: right for an endpoint that drops copies by `eventID` (a
   * Sightline collector), wrong for one that counts them twice (Algolia). Read at each close.
   * An answer of `undefined` means the default: true unless `url` is Algolia's hosted API
   * (`https://insights[.region].algolia.io/…`).
   */
  keepInFlight?: (url: string) => boolean | undefined;
  /** Clock in ms since the epoch. @default Date.now */
  now?: () => number;
  /** Jitter source in [0, 1). @default Math.random (jitter needs no cryptographic quality) */
  random?: () => number;
}

/** A {@link Delivery} with controls for the page lifecycle and consent. */
export interface ReliableDelivery extends Delivery {
  /** Sends what is waiting now (call it on `pagehide` / `visibilitychange` hidden). */
  flush(): void;
  /**
   * Drops everything waiting, being retried, in flight or in the outbox (opt-out); their calls
   * resolve `false` at once.
   */
  clear(): void;
  /** Queues what the outbox held when this delivery was made (call it once consent is known). */
  resend(): void;
  /**
   * The page is going away (`pagehide`): sends what is waiting and marks this page's outbox entry
   * closed, so the next page resends what stays unconfirmed. `resume()` undoes it (a page restored
   * from the back/forward cache); if another page adopted the entry meanwhile, that page sends what
   * was waiting here, so it is dropped here (its calls resolve `false`).
   */
  leave(): void;
  resume(): void;
}

/** Algolia's hosted Insights API counts every copy of an event. */
export const countsCopies = (url: string) => /^https:\/\/insights(\.\w+)?\.algolia\.io\//.test(url);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests spent on halves of one refused batch at most (see `send`). */
export const MAX_SPLIT_REQUESTS = 40;

/** The facts of a transport that threw or rejected: no answer, retryable. */
const NO_ANSWER: TransportResult = { ok: false, status: 0, retryable: true, retryAfterMs: undefined };

/**
 * Batching and retrying delivery over a facts-returning transport. Calls that share an endpoint
 * and query string (credentials, agent, extra headers) within one flush interval travel in one
 * request, split at 1000 events and at the 64 kB keepalive/beacon quota. A failed batch is
 * retried per {@link nextRetry} (network errors, 408, 429 with `Retry-After`, 5xx; never other
 * 4xx). Each call's promise resolves with the real outcome: `true` once every batch holding its
 * events was accepted. With an outbox, events stay stored until accepted or refused for good, so
 * events still unconfirmed when the page goes away are resent by a later page.
 */
export function createReliableDelivery(options: ReliableDeliveryOptions): ReliableDelivery {
  const { transport, outbox, stampEvents = true, now = Date.now, random = Math.random } = options;
  const limits: RetryLimits = { ...RETRY_DEFAULTS, ...options.retry };
  /**
   * Every event this page still works on, with what settles its call's share (a no-op for adopted
   * events). An event leaves it once settled, and all at once on clear(); a batch whose events
   * left stops at its next step.
   */
  const owners = new Map<InsightsEvent, (sent: boolean) => void>();
  /** Events waiting for their batch to leave, by URL. */
  let waiting: Record<string, InsightsEvent[]> = {};
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  // What earlier pages left is saved in this page's entry from the start (so it is never without
  // a copy) but queued only by resend(), once consent is known: until then `parked` is set.
  let parked = outbox?.adopt();
  /** Unsettled stamped events, what the outbox keeps, with their URL; oldest first. */
  const unsent: Unsent = new Map(parked);
  /** Events handed to the transport and not yet answered. */
  const flying = new Set<InsightsEvent>();
  let closing = false;
  let adoptedAt = now();
  const save = () =>
    outbox?.save(
      closing
        ? new Map(
            [...unsent].filter(
              ([event, url]) => !flying.has(event) || (options.keepInFlight?.(url) ?? !countsCopies(url)),
            ),
          )
        : unsent,
      closing,
    );
  // One write per task, after its last call: a burst of 1000 calls writes the outbox once, not
  // 1000 growing times. A page cannot go away in the middle of a task, so nothing is at risk.
  let saving = false;
  const persist = () => {
    if (!saving) {
      saving = true;
      queueMicrotask(() => {
        saving = false;
        save();
      });
    }
  };
  persist();

  const settle = (events: InsightsEvent[], sent: boolean) => {
    for (const event of events) {
      owners.get(event)?.(sent);
      owners.delete(event);
      unsent.delete(event);
    }
  };

  /**
   * Sends one batch with retries, then settles its events. The API refuses a whole batch for one
   * invalid event (422, all-or-nothing), so a refused batch of several events is split in halves
   * and each half sent again, down to the invalid events alone: one bad call never sinks the
   * events of other calls that shared its request.
   */
  // `splits`: requests a refused batch may still spend on halves, shared by all its parts. Finding
  // one invalid event among 1000 takes ~20; a batch that is invalid throughout (no user token on a
  // page without Web Crypto) would otherwise take 2N − 1.
  const send = async (
    url: string,
    events: InsightsEvent[],
    started = now(),
    splits = [MAX_SPLIT_REQUESTS],
  ) => {
    for (let attempt = 1; owners.has(events[0]!); attempt++) {
      for (const event of events) flying.add(event);
      // A transport is told never to reject; one that does (or throws) is a network error here.
      const result = await Promise.resolve()
        .then(() => transport(url, JSON.stringify({ events })))
        .catch(() => NO_ANSWER);
      for (const event of events) flying.delete(event);
      const wait = nextRetry(attempt, now() - started, result, limits, random());
      if (!owners.has(events[0]!)) return;
      if (wait === undefined) {
        const half = events.length >> 1;
        if (half && splits[0]! > 1 && /^4(00|13|22)$/.test(`${result.status}`)) {
          splits[0]! -= 2;
          send(url, events.slice(0, half), undefined, splits);
          send(url, events.slice(half), undefined, splits);
          return;
        }
        // Still retryable once attempts ran out: handed to whichever page loads next (unstamped
        // events have no timestamp, so no page takes them). Accepted, or refused for good (it
        // would be refused again): done.
        if (!result.ok && result.retryable) outbox?.release(new Map(events.map((event) => [event, url])));
        settle(events, result.ok);
        // A page that lives long (a single-page app) would otherwise never send what it gave up on
        // during an outage, nor what closed tabs left: the network works again, so take them now
        // (once consent is known: `parked` is gone).
        if (result.ok && !parked && now() - adoptedAt > 30_000) {
          adoptedAt = now();
          requeue(outbox?.adopt());
        }
        persist();
        return;
      }
      await sleep(wait);
    }
  };

  function flush(): void {
    clearTimeout(timer);
    timer = 0;
    const batches = waiting;
    waiting = {};
    for (const url in batches) for (const batch of splitBatches(batches[url]!)) send(url, batch);
  }

  function enqueue(url: string, event: InsightsEvent, settled: (sent: boolean) => void) {
    owners.set(event, settled);
    // biome-ignore lint/suspicious/noAssignInExpressions: the URL's list, made on first use.
    (waiting[url] ??= []).push(event);
    timer ||= setTimeout(flush, options.flushIntervalMs);
  }

  /** Queues events taken from the outbox (earlier pages', or given up); kept there until settled. */
  const requeue = (found?: Unsent) =>
    found?.forEach((url, event) => {
      unsent.set(event, url);
      enqueue(url, event, () => {});
    });

  const deliver = ({ url, events }: DeliveryRequest) => {
    const at = now();
    const sent = Promise.all(
      events.map(
        (given) =>
          new Promise<boolean>((settled) => {
            // Only stamped events can be kept: the outbox needs their timestamp, the collector their eventID.
            const event = stampEvents ? { timestamp: at, eventID: createUUID(), ...given } : given;
            if (stampEvents) unsent.set(event, url);
            enqueue(url, event, settled);
          }),
      ),
    ).then((outcomes) => !outcomes.includes(false));
    persist();
    return sent;
  };

  return Object.assign(deliver, {
    flush,
    clear() {
      for (const settled of owners.values()) settled(false);
      owners.clear();
      unsent.clear();
      // A pending timer then flushes nothing.
      waiting = {};
      parked = undefined;
      outbox?.clear();
    },
    resend() {
      requeue(parked);
      parked = undefined;
    },
    leave() {
      flush();
      closing = true;
      // Now, not in a microtask: nothing after pagehide is guaranteed to run.
      save();
    },
    resume() {
      // Back from the back/forward cache after another page adopted this one's entry: that page
      // sends what was waiting; sending it here too would make copies.
      if (closing && outbox && !outbox.held())
        settle(
          [...unsent.keys()].filter((event) => !flying.has(event)),
          false,
        );
      closing = false;
      persist();
    },
  });
}
