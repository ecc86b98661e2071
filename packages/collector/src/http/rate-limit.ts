/** What the rate limiter decided for one request, with the x-ratelimit-* values. */
export interface RateDecision {
  allowed: boolean;
  /** Requests per minute (x-ratelimit-limit). */
  limit: number;
  /** Whole requests left in the bucket (x-ratelimit-remaining). */
  remaining: number;
  /** Unix seconds when the bucket is full again (x-ratelimit-reset). */
  resetAt: number;
  /** Seconds to wait before a refused request can pass (Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets kept before full ones are dropped: per-IP buckets would otherwise grow without bound. */
const MAX_BUCKETS = 50_000;

/**
 * A token bucket per key (an API key id, or a client IP), in memory (so per process: N processes
 * allow N × the limit). The bucket holds one minute's worth of requests and refills continuously.
 * `perMinute` 0 disables it.
 */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;

  // A bucket that has refilled is the same as no bucket, so dropping those loses nothing.
  function prune(at: number): void {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (at - bucket.updatedAt) * perMs >= perMinute) buckets.delete(key);
    }
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
  }

  return {
    enabled: perMinute > 0,
    take(key: string): RateDecision {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) prune(at);
        bucket = { tokens: perMinute, updatedAt: at };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.updatedAt) * perMs);
        bucket.updatedAt = at;
      }
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      const resetAt = Math.ceil((at + (perMinute - bucket.tokens) / perMs) / 1000);
      return {
        allowed,
        limit: perMinute,
        remaining: Math.floor(bucket.tokens),
        resetAt,
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
      };
    },
  };
}

/** The limiter's type. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
