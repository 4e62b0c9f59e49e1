// The token bucket of the rate limit: its arithmetic, and the store that keeps buckets in this
// gateway's memory (the fallback too when the buckets live in Redis).

/** A bucket's size and how fast it fills again. */
export interface Quota {
  /** the most tokens the bucket holds: the burst a client may send at once */
  capacity: number;
  /** tokens added back each second, up to the capacity: the rate a client may keep up */
  refillPerSecond: number;
}

export interface Take {
  allowed: boolean;
  /** when refused, whole seconds until the bucket holds the tokens asked for (at least 1); else 0 */
  retryAfterSeconds: number;
}

/** Where buckets live; `tokens` is never more than the quota's capacity (the limiter clamps it). */
export interface BucketStore {
  take(bucket: string, quota: Quota, tokens: number): Promise<Take>;
}

export interface BucketState {
  tokens: number;
  /** when `tokens` was counted, in milliseconds */
  at: number;
}

/**
 * Refills the bucket for the time since it was last counted, then takes the tokens if they are all
 * there. A refused take takes nothing, so a client that waits Retry-After seconds is served. A bucket
 * never seen is full.
 */
export function takeTokens(
  state: BucketState | undefined,
  quota: Quota,
  tokens: number,
  now: number,
): { state: BucketState; take: Take } {
  // a clock that steps back refills nothing rather than draining the bucket
  const elapsedSeconds = state ? Math.max(0, now - state.at) / 1000 : 0;
  const available = state
    ? Math.min(quota.capacity, state.tokens + elapsedSeconds * quota.refillPerSecond)
    : quota.capacity;
  if (available >= tokens) {
    return { state: { tokens: available - tokens, at: now }, take: { allowed: true, retryAfterSeconds: 0 } };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((tokens - available) / quota.refillPerSecond));
  return { state: { tokens: available, at: now }, take: { allowed: false, retryAfterSeconds } };
}

/** The default bound on buckets kept in memory: about 15 MB, whatever addresses a flood comes from. */
export const MAX_MEMORY_BUCKETS = 100_000;

/**
 * Buckets in this gateway's memory, at most `maxBuckets` of them: the least recently used go first,
 * so requests from ever new addresses cannot grow memory without bound. An evicted bucket comes back
 * full, which only an idle client can gain from: a busy client's bucket is always recently used.
 */
export class MemoryBucketStore implements BucketStore {
  // a Map iterates in insertion order, so re-inserting on each use keeps the least recent first
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly maxBuckets = MAX_MEMORY_BUCKETS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  async take(bucket: string, quota: Quota, tokens: number): Promise<Take> {
    const { state, take } = takeTokens(this.buckets.get(bucket), quota, tokens, this.now());
    this.buckets.delete(bucket);
    this.buckets.set(bucket, state);
    if (this.buckets.size > this.maxBuckets) this.evictLeastRecent();
    return take;
  }

  /**
   * Evicts the least recent hundredth at once: a Map's iterator walks over the holes that deletions
   * leave until the Map is rehashed, so evicting one bucket per request under a flood of new
   * addresses cost 26 µs a request, and a hundredth at once 2 µs.
   */
  private evictLeastRecent(): void {
    let evicting = Math.max(1, Math.ceil(this.maxBuckets / 100));
    for (const bucket of this.buckets.keys()) {
      if (evicting-- === 0) break;
      this.buckets.delete(bucket);
    }
  }
}
