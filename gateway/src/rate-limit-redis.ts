// Buckets in Redis, so that every gateway sharing a REDIS_URL draws a client's requests from one
// bucket. While Redis cannot answer, each gateway counts in its own memory instead: an outage of
// Redis loosens the limit (by the number of gateways) but never takes the API down.
import { logger, type openRedis } from "@twingraph/kit/http";
import type { BucketStore, Quota, Take } from "./rate-limit-bucket";

type Redis = ReturnType<typeof openRedis>;

/**
 * Refill and take in one atomic step, on Redis's clock so that gateways whose clocks differ agree.
 * An allowed take stores the bucket with a time to live of a full refill (plus a second): a bucket
 * left that long is full, which is what a missing bucket means, so idle buckets vanish unchanged.
 * Numbers are stored as strings and only integers returned, because Redis truncates Lua numbers.
 * Needs Redis 5 or newer (scripts replicated by effects, so TIME may precede a write).
 */
const TAKE_SCRIPT = /* lua */ `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local available = capacity
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2]))
  available = math.min(capacity, tonumber(state[1]) + elapsed / 1000 * refill)
end
if available < wanted then
  return {0, math.max(1, math.ceil((wanted - available) / refill))}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(available - wanted), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / refill * 1000) + 1000)
return {1, 0}
`;

const COMMAND = "twingraphRateLimitTake";
const KEY_PREFIX = "rate-limit:";

/** How long a take may wait for Redis before this gateway counts it in memory instead. */
export const REDIS_TAKE_TIMEOUT_MS = 200;

type TakeCommand = (
  key: string,
  capacity: number,
  refill: number,
  tokens: number,
) => Promise<[number, number]>;

export class RedisBucketStore implements BucketStore {
  private readonly takeInRedis: TakeCommand;
  private failing = false;

  /** `fallback`: where buckets are counted while Redis cannot answer. */
  constructor(
    private readonly redis: Redis,
    private readonly fallback: BucketStore,
    private readonly timeoutMs = REDIS_TAKE_TIMEOUT_MS,
  ) {
    // defineCommand sends the script once and then only its hash (EVALSHA), and applies the client's key prefix
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: TAKE_SCRIPT });
    const command = (redis as unknown as Record<string, TakeCommand>)[COMMAND]!;
    this.takeInRedis = command.bind(redis);
  }

  async take(bucket: string, quota: Quota, tokens: number): Promise<Take> {
    // while disconnected, ioredis would queue the command until it reconnects: count in memory at once
    if (this.redis.status !== "ready")
      return this.fallBack(bucket, quota, tokens, `it is ${this.redis.status}`);
    try {
      const [allowed, retryAfterSeconds] = await withTimeout(
        this.takeInRedis(KEY_PREFIX + bucket, quota.capacity, quota.refillPerSecond, tokens),
        this.timeoutMs,
      );
      if (this.failing) {
        this.failing = false;
        logger.info("rate limit: Redis answers again; buckets are shared by the gateways again");
      }
      return { allowed: allowed === 1, retryAfterSeconds };
    } catch (error) {
      return this.fallBack(bucket, quota, tokens, (error as Error).message);
    }
  }

  private fallBack(bucket: string, quota: Quota, tokens: number, reason: string): Promise<Take> {
    if (!this.failing) {
      this.failing = true;
      logger.warn(
        { reason },
        "rate limit: Redis cannot answer; this gateway counts requests in its own memory until it can",
      );
    }
    return this.fallback.take(bucket, quota, tokens);
  }
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
