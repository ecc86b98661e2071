// Exports every entry shares (types and platform-free helpers).
export type { AlgoliaAnalyticsOptions } from '../core/algolia-analytics.js';
export { getFunctionalInterface } from '../core/command-table.js';
export type { ClientOptions } from '../core/create-client.js';
export { type Delivery, type DeliveryRequest, directDelivery } from '../core/delivery.js';
export { type InsightsError, type InsightsErrorCode, insightsError } from '../core/errors.js';
export { createOutbox, type Outbox, type OutboxOptions, type Unsent } from '../core/outbox.js';
export type { KeyValueStore, TokenStore, Transport, TransportResult } from '../core/ports.js';
export type { SnippetGlobal } from '../core/queue.js';
export {
  createReliableDelivery,
  type ReliableDelivery,
  type ReliableDeliveryOptions,
} from '../core/reliable-delivery.js';
export {
  createMemoryKeyValueStore,
  type RememberedQueries,
  type RememberedQueriesOptions,
} from '../core/remembered-queries.js';
export type { InsightRegion } from '../core/resolve-options.js';
export { nextRetry, RETRY_DEFAULTS, type RetryLimits, retryDelay } from '../core/retry-policy.js';
export { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, splitBatches } from '../core/split-batches.js';
export type * from '../core/types.js';
export { validatingDelivery } from '../core/validating-delivery.js';
export { LocalStorage } from '../storage/local-storage-helper.js';
export { createMemoryTokenStore } from '../storage/memory-token-store.js';
