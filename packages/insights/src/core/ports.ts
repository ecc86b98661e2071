// The interfaces the platform-free core needs from its adapters (storage/, transport/).

/**
 * Where the anonymous user token lives between visits: the `_ALGOLIA` cookie in browsers, memory
 * elsewhere. Implementations never throw.
 */
export interface TokenStore {
  /** False when the token cannot be stored at all (cookies disabled or blocked). @default true */
  available?(): boolean;
  get(): string | undefined;
  /** @param expiresAt - milliseconds since the Unix epoch */
  set(token: string, expiresAt: number): void;
  remove(): void;
}

/** String key-value persistence (localStorage in browsers). Implementations never throw. */
export interface KeyValueStore {
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Every key currently stored. */
  keys(): string[];
}

/**
 * What a transport learned from one attempt: facts, not decisions. Delivery policies (retries,
 * backoff) are built on these.
 */
export interface TransportResult {
  /** The API accepted the request: HTTP 200, or a beacon the browser queued. */
  ok: boolean;
  /** HTTP status; 0 when there was no response (network error, timeout, beacon). */
  status: number;
  /** Sending the same request again later may succeed (no response, 408, 429, 5xx). */
  retryable: boolean;
  /** From a `Retry-After` header, in milliseconds. */
  retryAfterMs: number | undefined;
}

/** POSTs a JSON string to `url`. Never rejects: failures are facts. */
export type Transport = (url: string, body: string) => Promise<TransportResult>;
