// The rate limit's settings from the environment: the anonymous quota, what a unit of cost is worth,
// and the API keys with their own quotas from API_KEYS_FILE. Read once at start; a mistake stops the
// gateway with a message naming the variable or the entry, never a silently unlimited client.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MAX_MEMORY_BUCKETS, type Quota } from "./rate-limit-bucket";

/** A configured API key's name (in logs and messages; never the key) and its quota. */
export interface ApiKeyQuota extends Quota {
  name: string;
  /** the most an operation of this key may cost, over the gateway's maximum, if given */
  maxCost?: number;
}

export interface RateLimitSettings {
  /** the quota of each client without an API key, by address (an IPv6 client by its /64) */
  anonymous: Quota;
  /** configured keys by the sha256 of the key, hex */
  keys: ReadonlyMap<string, ApiKeyQuota>;
  /** how much operation cost one token pays for */
  costPerToken: number;
  /** the most anonymous buckets one gateway keeps in memory */
  maxMemoryBuckets: number;
}

/**
 * Anonymous defaults: a burst of 120 tokens, 2 more each second (120 a minute). A page view of the
 * widget costs 2 tokens or 3 (one persisted GET, its discounted cost, a registration when missed), so
 * a visitor can read dozens of pages a minute; an exploring researcher can send a few dozen ordinary
 * queries at once or one at the largest cost allowed and then one every minute; a flood from one
 * address is held to 2 requests a second.
 */
export const DEFAULT_ANONYMOUS_QUOTA: Quota = { capacity: 120, refillPerSecond: 2 };

/** One token per 100 units of cost: a plain lookup costs the request's token and one more. */
export const DEFAULT_COST_PER_TOKEN = 100;

/** The settings from RATE_LIMIT_* and API_KEYS_FILE; undefined when RATE_LIMIT=0 turns the limit off. */
export function rateLimitSettingsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): RateLimitSettings | undefined {
  if (env.RATE_LIMIT === "0") return undefined;
  return {
    anonymous: {
      capacity: positiveFromEnv(env, "RATE_LIMIT_CAPACITY", DEFAULT_ANONYMOUS_QUOTA.capacity),
      refillPerSecond: positiveFromEnv(
        env,
        "RATE_LIMIT_REFILL_PER_SECOND",
        DEFAULT_ANONYMOUS_QUOTA.refillPerSecond,
      ),
    },
    keys: env.API_KEYS_FILE ? readApiKeysFile(env.API_KEYS_FILE) : new Map(),
    costPerToken: positiveFromEnv(env, "RATE_LIMIT_COST_PER_TOKEN", DEFAULT_COST_PER_TOKEN),
    maxMemoryBuckets: positiveFromEnv(env, "RATE_LIMIT_MAX_BUCKETS", MAX_MEMORY_BUCKETS),
  };
}

function positiveFromEnv(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const value = env[variable];
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${variable} must be a positive number, got "${value}"`);
  return number;
}

/** The sha256 of an API key, hex: what API_KEYS_FILE may store in place of the key. */
export function apiKeyHash(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Reads `[{ "key" | "keySha256", "name", "capacity", "refillPerSecond", "maxCost"? }]`. `keySha256`
 * (the sha256 of the key, hex) is preferred, so that the file does not hold usable keys.
 */
export function readApiKeysFile(file: string): Map<string, ApiKeyQuota> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`API_KEYS_FILE ${file}: ${(error as Error).message}`);
  }
  return apiKeysFrom(parsed, path.basename(file));
}

export function apiKeysFrom(entries: unknown, source: string): Map<string, ApiKeyQuota> {
  if (!Array.isArray(entries)) throw new Error(`${source}: expected an array of API keys`);
  const keys = new Map<string, ApiKeyQuota>();
  const names = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const fail = (rule: string) => new Error(`${source}, entry ${index}: ${rule}`);
    if (typeof entry !== "object" || entry === null) throw fail("expected an object");
    const { key, keySha256, name, capacity, refillPerSecond, maxCost } = entry as Record<string, unknown>;
    if ((key === undefined) === (keySha256 === undefined))
      throw fail('give exactly one of "key" and "keySha256"');
    if (key !== undefined && (typeof key !== "string" || key.length < 16))
      throw fail('"key" must be a string of at least 16 characters');
    if (keySha256 !== undefined && (typeof keySha256 !== "string" || !/^[0-9a-f]{64}$/i.test(keySha256)))
      throw fail('"keySha256" must be the sha256 of the key, 64 hex digits');
    if (typeof name !== "string" || name.trim() === "") throw fail('"name" must be a non-empty string');
    if (names.has(name)) throw fail(`the name "${name}" is given twice; each key's name names its bucket`);
    if (!isPositive(capacity)) throw fail('"capacity" must be a positive number');
    if (!isPositive(refillPerSecond)) throw fail('"refillPerSecond" must be a positive number');
    if (maxCost !== undefined && !isPositive(maxCost)) throw fail('"maxCost" must be a positive number');
    const hash = typeof key === "string" ? apiKeyHash(key) : (keySha256 as string).toLowerCase();
    if (keys.has(hash))
      throw fail(`the same key is given twice (as "${keys.get(hash)?.name}" and "${name}")`);
    names.add(name);
    keys.set(hash, { name, capacity, refillPerSecond, maxCost });
  });
  return keys;
}

function isPositive(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}
