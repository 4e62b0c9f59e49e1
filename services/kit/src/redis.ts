// Redis for what several processes share: the gateway's response cache and persisted queries, and
// the data version that imports move on. A Redis that goes away costs cache hits, never answers.
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { Redis } from "ioredis";

const KEY_PREFIX = "twingraph:";

export function openRedis(url: string): Redis {
  // loaded only with a REDIS_URL: every process would otherwise pay for loading it at start
  const { Redis } = require("ioredis") as typeof import("ioredis");
  const redis = new Redis(url, {
    keyPrefix: KEY_PREFIX,
    // a request waits for one reconnect attempt at most, then answers without the cache
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  let warned = false;
  redis.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    console.warn(`Redis at ${redactedUrl(url)} is unavailable (${error.message}); answering without it.`);
  });
  redis.on("ready", () => {
    warned = false;
  });
  return redis;
}

function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/** Apollo's cache interface over Redis; failed reads are misses and failed writes are dropped. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(key, value, "EX", Math.max(1, Math.ceil(options.ttl)));
      else await this.redis.set(key, value);
    } catch {
      // the answer was sent; only its reuse is lost
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(key)) > 0;
    } catch {
      return false;
    }
  }
}
