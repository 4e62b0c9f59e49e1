// Per-client rate limits: a token bucket per API key, else per signed-in account, else per address,
// in this gateway's memory or in Redis (shared by gateways). Each request pays a token before anything is
// read, and each operation pays for its cost before it runs; a client out of tokens is answered 429
// with Retry-After.
import type { IncomingMessage } from "node:http";
import { isIPv4, isIPv6 } from "node:net";
import { counter, HttpError, type openRedis } from "@twingraph/kit/http";
import { GraphQLError } from "graphql";
import { type GatewayContext, gatewayContext } from "./context";
import { WIDGET_MANIFEST } from "./persisted-operations";
import { type BucketStore, MemoryBucketStore, type Quota, type Take } from "./rate-limit-bucket";
import { apiKeyHash, type RateLimitSettings, rateLimitSettingsFromEnvironment } from "./rate-limit-config";
import type { PersistedGetMark } from "./rate-limit-persisted-get";
import { RedisBucketStore } from "./rate-limit-redis";

export type ClientKind = "anonymous" | "account" | "key";

export interface RateLimitedClient {
  kind: ClientKind;
  /** the bucket's id: "key:<name>", "account:<sub>" or "ip:<address>" */
  bucket: string;
  quota: Quota;
  /** how the client is named in a refusal */
  description: string;
  maxCost?: number;
}

/** Who sent a request, as the gateway's context knows it. */
export type ClientIdentity = Pick<GatewayContext, "clientIp" | "apiKey" | "viewer">;

/**
 * A persisted GET of a listed operation (the widget's) pays this fraction of its cost: it is an
 * operation whose cost we know, and browsers and CDNs may cache its answers. Only listed operations:
 * anyone may register a query by APQ and GET it after, which must not make it ten times cheaper.
 */
export const PERSISTED_GET_DISCOUNT = 10;

const refusals = counter("twingraph_rate_limit_refusals_total", "Requests refused by the rate limit", [
  "client_kind",
]);

export interface RateLimiterOptions {
  /** share buckets with every gateway on this Redis (a client the caller closes); default: this gateway's memory alone */
  redis?: ReturnType<typeof openRedis>;
  /** operations whose persisted GETs are discounted, by id; default: the widget's */
  discountedOperationIds?: Iterable<string>;
  /** milliseconds, for the in-memory buckets (tests step it) */
  now?: () => number;
}

export class RateLimiter {
  private readonly store: BucketStore;
  private readonly discounted: ReadonlySet<string>;

  constructor(
    readonly settings: RateLimitSettings,
    options: RateLimiterOptions = {},
  ) {
    const memory = new MemoryBucketStore(settings.maxMemoryBuckets, options.now);
    this.store = options.redis ? new RedisBucketStore(options.redis, memory) : memory;
    this.discounted = new Set(
      options.discountedOperationIds ?? WIDGET_MANIFEST.operations.map((operation) => operation.id),
    );
  }

  /**
   * The client's bucket and quota; undefined for an API key that is not configured. A signed-in
   * account pays from its own bucket at the anonymous quota, wherever it connects from; an API key
   * sent beside a token keeps its own quota.
   */
  clientOf({ clientIp, apiKey, viewer }: ClientIdentity): RateLimitedClient | undefined {
    if (apiKey === undefined) return viewer ? this.account(viewer.subject) : this.anonymous(clientIp);
    // looked up by hash: timing can tell at most a prefix of the hash, which does not lead to a key
    const quota = this.settings.keys.get(apiKeyHash(apiKey));
    if (!quota) return undefined;
    return {
      kind: "key",
      bucket: `key:${quota.name}`,
      quota,
      description: `API key "${quota.name}"`,
      maxCost: quota.maxCost,
    };
  }

  account(subject: string): RateLimitedClient {
    return {
      kind: "account",
      bucket: `account:${subject}`,
      quota: this.settings.anonymous,
      description: `the account "${subject}"`,
    };
  }

  anonymous(clientIp: string): RateLimitedClient {
    return {
      kind: "anonymous",
      bucket: `ip:${addressGroup(clientIp)}`,
      quota: this.settings.anonymous,
      description: "this address",
    };
  }

  /** The tokens an operation of this cost pays. */
  tokensForCost(cost: number, persistedGetHash?: string): number {
    if (!(cost > 0)) return 0;
    const discount =
      persistedGetHash !== undefined && this.discounted.has(persistedGetHash) ? PERSISTED_GET_DISCOUNT : 1;
    return Math.ceil(cost / (this.settings.costPerToken * discount));
  }

  /**
   * Takes tokens from the client's bucket. A charge larger than the bucket takes a full bucket, so the
   * largest operation allowed can always run, once per refill of the whole bucket.
   */
  async take(client: RateLimitedClient, tokens: number): Promise<Take> {
    const take = await this.store.take(client.bucket, client.quota, Math.min(tokens, client.quota.capacity));
    if (!take.allowed) refusals.inc({ client_kind: client.kind });
    return take;
  }
}

/** The limiter the environment configures (see rate-limit-config.ts); undefined when RATE_LIMIT=0. */
export function rateLimiterFromEnvironment(options: RateLimiterOptions = {}): RateLimiter | undefined {
  const settings = rateLimitSettingsFromEnvironment();
  return settings && new RateLimiter(settings, options);
}

/**
 * The HTTP guard: every request pays one token before its body is read (the kit's serve runs guards
 * after /health, /ready and /metrics, so probes and scrapes never pay). An API key that is not
 * configured is refused (401), so a misconfigured client learns at once instead of being served
 * quietly at the anonymous quota; trying keys still pays the address's tokens.
 */
export function rateLimitGuard(limiter: RateLimiter) {
  return async (request: IncomingMessage): Promise<void> => {
    const identity = gatewayContext(request);
    const client = limiter.clientOf(identity);
    const payer = client ?? limiter.anonymous(identity.clientIp);
    const take = await limiter.take(payer, 1);
    if (!take.allowed) throw rateLimitedHttpError(payer, take);
    if (!client) throw new HttpError(401, "UNAUTHENTICATED", unknownKeyMessage());
  };
}

/**
 * The cost charge, for the cost plugin to call once it knows an operation's cost and before the
 * operation runs: refused with a GraphQLError that Apollo Server answers with HTTP 429 and Retry-After.
 */
export function rateLimitCharge(limiter: RateLimiter) {
  return async (cost: number, context: GatewayContext & PersistedGetMark): Promise<void> => {
    const client = limiter.clientOf(context);
    if (!client) {
      throw new GraphQLError(unknownKeyMessage(), {
        extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
      });
    }
    const tokens = limiter.tokensForCost(cost, context.persistedGetHash);
    if (tokens === 0) return;
    const take = await limiter.take(client, tokens);
    if (take.allowed) return;
    const { retryAfterSeconds } = take;
    throw new GraphQLError(
      `${refusalMessage(client, take)} This operation costs ${cost} (${tokens} tokens at ${limiter.settings.costPerToken} a token).`,
      {
        extensions: {
          code: "RATE_LIMITED",
          retryAfterSeconds,
          http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
        },
      },
    );
  };
}

function rateLimitedHttpError(client: RateLimitedClient, take: Take): HttpError {
  return new HttpError(
    429,
    "RATE_LIMITED",
    refusalMessage(client, take),
    { "retry-after": String(take.retryAfterSeconds) },
    { retryAfterSeconds: take.retryAfterSeconds },
  );
}

function refusalMessage(client: RateLimitedClient, take: Take): string {
  const { capacity, refillPerSecond } = client.quota;
  return (
    `Too many requests from ${client.description}: its quota is a burst of ${capacity} tokens and ` +
    `${refillPerSecond} more each second. Retry after ${take.retryAfterSeconds} s.`
  );
}

function unknownKeyMessage(): string {
  return (
    "The API key in the x-api-key header is not one this gateway knows. Send a configured key, or no " +
    "x-api-key header to be served at the anonymous quota."
  );
}

/** The bucket of every client whose address is not an IP address (a forged X-Forwarded-For entry). */
export const UNPARSED_ADDRESS = "unparsed";

/**
 * The address a bucket is kept for: an IPv4 address as it is (also when the socket reports it
 * IPv4-mapped), an IPv6 address by its /64, the smallest network a provider gives one customer, so
 * that a client cannot draw a fresh bucket from each of its 2^64 addresses. Anything else shares
 * one bucket, so that made-up addresses neither evade the limit nor fill memory with long keys.
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const unmapped = mapped ? mapped[1]! : address;
  if (isIPv4(unmapped)) return unmapped;
  const withoutZone = address.replace(/%.*$/, "");
  if (!isIPv6(withoutZone)) return UNPARSED_ADDRESS;
  // the URL parser writes the address in its canonical form: lower case, "::" for the longest zeros
  const canonical = new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return `${[...left, ...zeros, ...right].slice(0, 4).join(":")}::/64`;
}
