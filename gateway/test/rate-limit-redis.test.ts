// Rate-limit buckets in Redis: two gateways (two limiters, each with its own client) draw a client's
// requests from one bucket, which vanishes once it would be full again. When Redis is away, slow or
// failing, each gateway counts in its own memory and says so once.
import { randomBytes } from "node:crypto";
import { logger, openRedis } from "@twingraph/kit/http";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { RateLimiter } from "../src/rate-limit";
import { MemoryBucketStore, type Quota } from "../src/rate-limit-bucket";
import type { RateLimitSettings } from "../src/rate-limit-config";
import { RedisBucketStore } from "../src/rate-limit-redis";

type Redis = ReturnType<typeof openRedis>;

const redisUrl = process.env.TEST_REDIS_URL;
/** So slow that nothing refills while a test runs: 1 token in 1,000 s. */
const SLOW: Quota = { capacity: 3, refillPerSecond: 0.001 };

function settings(anonymous: Quota = SLOW): RateLimitSettings {
  return { anonymous, keys: new Map(), costPerToken: 100, maxMemoryBuckets: 1_000 };
}

/** An address no earlier run used, so that a bucket left in Redis by one cannot fail the next. */
function freshAddress(): string {
  return `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;
}

async function connected(url: string): Promise<Redis> {
  const redis = openRedis(url);
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  return redis;
}

describe.skipIf(!redisUrl)(
  redisUrl ? "rate limits in Redis" : "rate limits in Redis: skipped, TEST_REDIS_URL is not set",
  () => {
    const clients: Redis[] = [];
    afterAll(() => {
      for (const client of clients) client.disconnect();
    });
    const gateway = async () => {
      const redis = await connected(redisUrl!);
      clients.push(redis);
      return { limiter: new RateLimiter(settings(), { redis }), redis };
    };

    it("shares one bucket between two gateways", async () => {
      const [one, two] = [await gateway(), await gateway()];
      const address = freshAddress();
      const client = one.limiter.anonymous(address);
      expect((await one.limiter.take(client, 2)).allowed).toBe(true);
      expect((await two.limiter.take(client, 1)).allowed).toBe(true);
      const refused = await two.limiter.take(client, 1);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThan(990);
      expect((await one.limiter.take(client, 1)).allowed).toBe(false);
      // another client of the same /64 pays from the same bucket, another /64 from its own
      expect((await one.limiter.take(one.limiter.anonymous(address.replace(/::1$/, "::2")), 1)).allowed).toBe(
        false,
      );
      expect((await two.limiter.take(two.limiter.anonymous(freshAddress()), 1)).allowed).toBe(true);
    });

    it("lets an idle bucket vanish once it would be full again", async () => {
      const { limiter, redis } = await gateway();
      const address = freshAddress();
      await limiter.take(limiter.anonymous(address), 1);
      const ttl = await redis.pttl(`rate-limit:${limiter.anonymous(address).bucket}`);
      // a full refill of 3 tokens at 0.001 a second is 3,000 s, plus a second
      expect(ttl).toBeGreaterThan(2_990_000);
      expect(ttl).toBeLessThanOrEqual(3_001_000);
    });

    it("falls back to memory when the connection is lost, and uses Redis again once it is back", async () => {
      const { redis } = await gateway();
      const memory = new MemoryBucketStore();
      const store = new RedisBucketStore(redis, memory);
      const bucket = `ip:${freshAddress()}`;
      await store.take(bucket, SLOW, 3);
      redis.disconnect();
      // the bucket in memory is new, so it is full: the gateway answers rather than waits
      expect((await store.take(bucket, SLOW, 3)).allowed).toBe(true);
      expect(memory.size).toBe(1);
      redis.connect();
      await new Promise((resolve) => redis.once("ready", resolve));
      expect((await store.take(bucket, SLOW, 1)).allowed).toBe(false);
    });
  },
);

describe("when Redis cannot answer", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A client that says it is connected and whose script answers as `answer` does. */
  function fakeRedis(answer: () => Promise<[number, number]>): Redis {
    return { status: "ready", defineCommand() {}, twingraphRateLimitTake: answer } as unknown as Redis;
  }

  it("counts in this gateway's memory while Redis is unreachable, and says so once", async () => {
    const warn = vi.spyOn(logger, "warn");
    const redis = openRedis("redis://127.0.0.1:1");
    try {
      const limiter = new RateLimiter(settings(), { redis });
      const client = limiter.anonymous("192.0.2.80");
      expect((await limiter.take(client, 3)).allowed).toBe(true);
      const refused = await limiter.take(client, 1);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThan(990);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      redis.disconnect();
    }
  });

  it("does not wait longer than its timeout for a Redis that hangs", async () => {
    const store = new RedisBucketStore(
      fakeRedis(() => new Promise(() => {})),
      new MemoryBucketStore(),
      20,
    );
    expect(await store.take("ip:192.0.2.81", SLOW, 1)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("counts in memory while Redis fails, and in Redis again once it answers, logging each change once", async () => {
    const warn = vi.spyOn(logger, "warn");
    const info = vi.spyOn(logger, "info");
    let failing = true;
    const store = new RedisBucketStore(
      fakeRedis(async () => {
        if (failing) throw new Error("READONLY You can't write against a read only replica.");
        return [0, 42];
      }),
      new MemoryBucketStore(),
    );
    expect((await store.take("ip:192.0.2.82", SLOW, 3)).allowed).toBe(true);
    expect((await store.take("ip:192.0.2.82", SLOW, 1)).allowed).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    failing = false;
    expect(await store.take("ip:192.0.2.82", SLOW, 1)).toEqual({ allowed: false, retryAfterSeconds: 42 });
    expect(await store.take("ip:192.0.2.82", SLOW, 1)).toEqual({ allowed: false, retryAfterSeconds: 42 });
    expect(info).toHaveBeenCalledTimes(1);
  });
});
