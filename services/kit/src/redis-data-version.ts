// The data version in Redis: one key that every writer with REDIS_URL increments after a write and
// every gateway sharing that Redis reads, wherever each runs.
import type { Redis } from "ioredis";
import { openRedis } from "./redis";

const DATA_VERSION_KEY = "data-version";

/** The version, "0" before the first write; null when Redis cannot be read (then nothing is cached). */
export async function readRedisDataVersion(redis: Redis): Promise<string | null> {
  try {
    return (await redis.get(DATA_VERSION_KEY)) ?? "0";
  } catch {
    return null;
  }
}

/** Moves the version on; `redis` a client to use, or a URL to connect to for this one increment. */
export async function advanceRedisDataVersion(redis: Redis | string): Promise<void> {
  const client = typeof redis === "string" ? openRedis(redis) : redis;
  try {
    await client.incr(DATA_VERSION_KEY);
  } finally {
    if (typeof redis === "string") client.disconnect();
  }
}
