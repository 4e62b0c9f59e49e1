// The gateway's rate limit in one process: the bucket's arithmetic on a clock the tests step, the
// bound on buckets in memory, who pays (API key, account, address, IPv6 /64), the HTTP guard's 429 and 401
// answers, the cost charge's refusal as Apollo Server answers it, and the settings from the environment.
import { mkdtempSync, writeFileSync } from "node:fs";
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { HttpError, metricsRegistry, sendError, sendJson, type Viewer } from "@twingraph/kit/http";
import { GraphQLError } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayContext } from "../src/context";
import { WIDGET_MANIFEST } from "../src/persisted-operations";
import {
  addressGroup,
  PERSISTED_GET_DISCOUNT,
  RateLimiter,
  rateLimitCharge,
  rateLimitGuard,
  UNPARSED_ADDRESS,
} from "../src/rate-limit";
import { MemoryBucketStore, type Quota, takeTokens } from "../src/rate-limit-bucket";
import {
  apiKeyHash,
  apiKeysFrom,
  DEFAULT_ANONYMOUS_QUOTA,
  DEFAULT_COST_PER_TOKEN,
  type RateLimitSettings,
  rateLimitSettingsFromEnvironment,
  readApiKeysFile,
} from "../src/rate-limit-config";
import { persistedGetHash } from "../src/rate-limit-persisted-get";

const QUOTA: Quota = { capacity: 10, refillPerSecond: 2 };
const PORTAL_KEY = "portal-key-0123456789abcdef";
const WIDGET_ID = WIDGET_MANIFEST.operations[0]!.id;

/** A clock the test moves by hand, in milliseconds. */
function steppedClock() {
  const clock = { now: 1_000_000, advance: (ms: number) => (clock.now += ms), read: () => clock.now };
  return clock;
}

function settings(overrides: Partial<RateLimitSettings> = {}): RateLimitSettings {
  return {
    anonymous: QUOTA,
    keys: apiKeysFrom(
      [{ key: PORTAL_KEY, name: "portal", capacity: 3, refillPerSecond: 1, maxCost: 20_000 }],
      "test",
    ),
    costPerToken: 100,
    maxMemoryBuckets: 1_000,
    ...overrides,
  };
}

function identity(clientIp: string, apiKey?: string, viewer?: Viewer): GatewayContext {
  return { requestId: "test", clientIp, apiKey, viewer };
}

async function refusals(kind: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric("twingraph_rate_limit_refusals_total")?.get();
  return metric?.values.find((value) => value.labels.client_kind === kind)?.value ?? 0;
}

describe("the token bucket", () => {
  it("starts full, gives its capacity at once and then refuses", () => {
    const full = takeTokens(undefined, QUOTA, 10, 0);
    expect(full.take).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(full.state.tokens).toBe(0);
    expect(takeTokens(full.state, QUOTA, 1, 0).take.allowed).toBe(false);
  });

  it("refills at its rate and never past its capacity", () => {
    const empty = { tokens: 0, at: 0 };
    expect(takeTokens(empty, QUOTA, 1, 499).take.allowed).toBe(false);
    expect(takeTokens(empty, QUOTA, 1, 500).take.allowed).toBe(true);
    expect(takeTokens(empty, QUOTA, 3, 1_500).take.allowed).toBe(true);
    const longIdle = takeTokens(empty, QUOTA, 0, 3_600_000);
    expect(longIdle.state.tokens).toBe(10);
  });

  it("says in whole seconds, rounded up, when the tokens asked for will be there", () => {
    const empty = { tokens: 0, at: 0 };
    expect(takeTokens(empty, QUOTA, 5, 0).take.retryAfterSeconds).toBe(3);
    expect(takeTokens({ tokens: 0.5, at: 0 }, QUOTA, 1, 0).take.retryAfterSeconds).toBe(1);
    expect(takeTokens(empty, { capacity: 100, refillPerSecond: 0.1 }, 2, 0).take.retryAfterSeconds).toBe(20);
  });

  it("takes nothing when it refuses, so waiting Retry-After seconds is enough", () => {
    const refused = takeTokens({ tokens: 1, at: 0 }, QUOTA, 4, 0);
    expect(refused.take).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(refused.state.tokens).toBe(1);
    expect(takeTokens(refused.state, QUOTA, 4, 2_000).take.allowed).toBe(true);
  });

  it("refills nothing, and drains nothing, when the clock steps back", () => {
    const stepped = takeTokens({ tokens: 4, at: 10_000 }, QUOTA, 0, 5_000);
    expect(stepped.state.tokens).toBe(4);
  });
});

describe("buckets in memory", () => {
  it("keeps at most its bound, however many addresses send", async () => {
    const store = new MemoryBucketStore(100);
    for (let i = 0; i < 5_000; i++) await store.take(`ip:10.0.${i >> 8}.${i & 255}`, QUOTA, 1);
    expect(store.size).toBe(100);
  });

  it("evicts the least recently used bucket, so a busy client keeps its empty bucket", async () => {
    const clock = steppedClock();
    const store = new MemoryBucketStore(3, clock.read);
    expect((await store.take("busy", QUOTA, 10)).allowed).toBe(true);
    for (const other of ["a", "b", "c", "d"]) {
      await store.take(other, QUOTA, 1);
      expect((await store.take("busy", QUOTA, 1)).allowed).toBe(false);
    }
    expect(store.size).toBe(3);
    // "a" was evicted, so it comes back full
    expect((await store.take("a", QUOTA, 10)).allowed).toBe(true);
  });
});

describe("who pays", () => {
  const limiter = new RateLimiter(settings());

  it("a configured API key pays from its own bucket with its own quota, wherever it comes from", () => {
    const client = limiter.clientOf(identity("203.0.113.1", PORTAL_KEY));
    expect(client).toMatchObject({
      kind: "key",
      bucket: "key:portal",
      quota: { capacity: 3 },
      maxCost: 20_000,
    });
    expect(limiter.clientOf(identity("198.51.100.7", PORTAL_KEY))?.bucket).toBe("key:portal");
  });

  it("finds a key stored as its sha256", () => {
    const hashed = new RateLimiter(
      settings({
        keys: apiKeysFrom(
          [{ keySha256: apiKeyHash(PORTAL_KEY), name: "p", capacity: 1, refillPerSecond: 1 }],
          "t",
        ),
      }),
    );
    expect(hashed.clientOf(identity("203.0.113.1", PORTAL_KEY))?.bucket).toBe("key:p");
  });

  it("knows no unknown key, and serves a client without one by its address", () => {
    expect(limiter.clientOf(identity("203.0.113.1", "not-a-configured-key-at-all"))).toBeUndefined();
    expect(limiter.clientOf(identity("203.0.113.1"))).toMatchObject({
      kind: "anonymous",
      bucket: "ip:203.0.113.1",
    });
  });

  it("a signed-in account pays from its own bucket at the anonymous quota, wherever it comes from", () => {
    const ana: Viewer = { subject: "ana", name: "Ana Novak", role: "contributor" };
    for (const address of ["203.0.113.1", "198.51.100.7"])
      expect(limiter.clientOf(identity(address, undefined, ana))).toMatchObject({
        kind: "account",
        bucket: "account:ana",
        quota: QUOTA,
      });
    expect(limiter.clientOf(identity("203.0.113.1", PORTAL_KEY, ana))?.bucket).toBe("key:portal");
  });

  it("counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4", () => {
    expect(addressGroup("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:DB8:1:2:ffff:eeee:dddd:cccc")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
    expect(addressGroup("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressGroup("::ffff:192.0.2.4")).toBe("192.0.2.4");
    expect(addressGroup("192.0.2.4")).toBe("192.0.2.4");
  });

  it("puts every client whose address is not an IP address in one bucket", () => {
    expect(addressGroup("unknown")).toBe(UNPARSED_ADDRESS);
    expect(addressGroup("x".repeat(8_000))).toBe(UNPARSED_ADDRESS);
    expect(addressGroup("::ffff:999.1.1.1")).toBe(UNPARSED_ADDRESS);
  });

  it("charges a token per COST_PER_TOKEN of cost, rounded up, and a listed persisted GET a tenth", () => {
    expect(limiter.tokensForCost(0)).toBe(0);
    expect(limiter.tokensForCost(1)).toBe(1);
    expect(limiter.tokensForCost(1_001)).toBe(11);
    expect(limiter.tokensForCost(1_001, WIDGET_ID)).toBe(Math.ceil(1_001 / (100 * PERSISTED_GET_DISCOUNT)));
    expect(limiter.tokensForCost(1_001, "0".repeat(64))).toBe(11);
  });

  it("lets a charge larger than the bucket take a full bucket, once per refill", async () => {
    const clock = steppedClock();
    const small = new RateLimiter(settings(), { now: clock.read });
    const client = small.anonymous("192.0.2.50");
    expect((await small.take(client, 1_000)).allowed).toBe(true);
    const refused = await small.take(client, 1_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 5 });
    clock.advance(5_000);
    expect((await small.take(client, 1_000)).allowed).toBe(true);
  });
});

describe("the HTTP guard", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A tiny front that runs the guard before anything else and answers 200 when it passes. */
  async function guarded(limiter: RateLimiter): Promise<string> {
    const guard = rateLimitGuard(limiter);
    server = http.createServer((request, response) => {
      guard(request)
        .then(() => sendJson(response, 200, { data: { ok: true } }))
        .catch((error: unknown) => sendError(response, error as HttpError));
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("answers 429 with Retry-After and the one error shape once the address's bucket is empty", async () => {
    const clock = steppedClock();
    const limiter = new RateLimiter(settings({ anonymous: { capacity: 2, refillPerSecond: 0.5 } }), {
      now: clock.read,
    });
    const base = await guarded(limiter);
    const before = await refusals("anonymous");
    expect((await fetch(`${base}/graphql`)).status).toBe(200);
    expect((await fetch(`${base}/graphql`)).status).toBe(200);
    const refused = await fetch(`${base}/graphql`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    const body = await refused.json();
    expect(body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/Retry after 2 s/),
          extensions: { code: "RATE_LIMITED", retryAfterSeconds: 2 },
        },
      ],
    });
    expect(await refusals("anonymous")).toBe(before + 1);
    clock.advance(2_000);
    expect((await fetch(`${base}/graphql`)).status).toBe(200);
  });

  it("serves a configured key from its own bucket while the address's is empty", async () => {
    const limiter = new RateLimiter(settings({ anonymous: { capacity: 1, refillPerSecond: 0.001 } }));
    const base = await guarded(limiter);
    await fetch(`${base}/graphql`);
    expect((await fetch(`${base}/graphql`)).status).toBe(429);
    const before = await refusals("key");
    const withKey = { headers: { "x-api-key": PORTAL_KEY } };
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/graphql`, withKey)).status).toBe(200);
    expect((await fetch(`${base}/graphql`, withKey)).status).toBe(429);
    expect(await refusals("key")).toBe(before + 1);
  });

  it("refuses an unknown API key with 401 UNAUTHENTICATED, and a flood of them with 429", async () => {
    const limiter = new RateLimiter(settings({ anonymous: { capacity: 2, refillPerSecond: 0.001 } }));
    const base = await guarded(limiter);
    const unknownKey = { headers: { "x-api-key": "a-key-nobody-configured" } };
    const unknown = await fetch(`${base}/graphql`, unknownKey);
    expect(unknown.status).toBe(401);
    const body = await unknown.json();
    expect(body.errors[0].extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(body.errors[0].message).toMatch(/x-api-key/);
    expect((await fetch(`${base}/graphql`, unknownKey)).status).toBe(401);
    expect((await fetch(`${base}/graphql`, unknownKey)).status).toBe(429);
  });
});

describe("the cost charge", () => {
  /** A one-field server whose plugin charges each operation `cost`, as the cost plugin will. */
  async function chargingServer(limiter: RateLimiter, cost: number) {
    const charge = rateLimitCharge(limiter);
    const server = new ApolloServer<GatewayContext>({
      typeDefs: "type Query { hello: String }",
      resolvers: { Query: { hello: () => "hi" } },
      plugins: [
        {
          requestDidStart: async () => ({
            didResolveOperation: ({ contextValue }) => charge(cost, contextValue),
          }),
        },
      ],
    });
    await server.start();
    const ask = (context: GatewayContext) =>
      server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: "POST",
          headers: new HeaderMap([["content-type", "application/json"]]),
          search: "",
          body: { query: "{ hello }" },
        },
        context: async () => context,
      });
    return { server, ask };
  }

  it("refuses an operation the bucket cannot pay for with HTTP 429, Retry-After and RATE_LIMITED", async () => {
    const clock = steppedClock();
    const limiter = new RateLimiter(settings(), { now: clock.read });
    const { server, ask } = await chargingServer(limiter, 600);
    try {
      const client = identity("192.0.2.60");
      expect((await ask(client)).status ?? 200).toBe(200);
      const refused = await ask(client);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      const body = JSON.parse(refused.body.kind === "complete" ? refused.body.string : "{}");
      expect(body.data).toBeUndefined();
      expect(body.errors[0].message).toMatch(/costs 600 \(6 tokens/);
      expect(body.errors[0].extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
    } finally {
      await server.stop();
    }
  });

  it("refuses an unknown API key with 401 UNAUTHENTICATED", async () => {
    const limiter = new RateLimiter(settings());
    const { server, ask } = await chargingServer(limiter, 1);
    try {
      const refused = await ask(identity("192.0.2.61", "a-key-nobody-configured"));
      expect(refused.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it("charges a persisted GET of the widget's operation a tenth of what others pay", async () => {
    /** How many operations of cost 1,000 a fresh bucket of 20 tokens pays for. */
    const servedUntilRefused = async (context: GatewayContext & { persistedGetHash?: string }) => {
      const charge = rateLimitCharge(
        new RateLimiter(settings({ anonymous: { capacity: 20, refillPerSecond: 0.001 } })),
      );
      for (let served = 0; served < 100; served++) {
        const refusal = await charge(1_000, context).catch((error: GraphQLError) => error);
        if (refusal) return served;
      }
      return Number.POSITIVE_INFINITY;
    };
    expect(await servedUntilRefused({ ...identity("192.0.2.70"), persistedGetHash: WIDGET_ID })).toBe(20);
    expect(await servedUntilRefused({ ...identity("192.0.2.70"), persistedGetHash: "0".repeat(64) })).toBe(2);
    expect(await servedUntilRefused(identity("192.0.2.70"))).toBe(2);
  });
});

describe("a persisted GET", () => {
  const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: WIDGET_ID } });

  it("is known by the hash in its extensions parameter", () => {
    expect(persistedGetHash(request("GET", `/graphql?extensions=${encodeURIComponent(extensions)}`))).toBe(
      WIDGET_ID,
    );
  });

  it("is only a GET, and a malformed parameter is no hash", () => {
    expect(
      persistedGetHash(request("POST", `/graphql?extensions=${encodeURIComponent(extensions)}`)),
    ).toBeUndefined();
    expect(persistedGetHash(request("GET", "/graphql?extensions={nope"))).toBeUndefined();
    expect(persistedGetHash(request("GET", "/graphql?extensions=[[[]]]"))).toBeUndefined();
    expect(persistedGetHash(request("GET", "/graphql?query={__typename}"))).toBeUndefined();
  });
});

describe("settings", () => {
  it("are off with RATE_LIMIT=0 and the documented defaults otherwise", () => {
    expect(rateLimitSettingsFromEnvironment({ RATE_LIMIT: "0" })).toBeUndefined();
    expect(rateLimitSettingsFromEnvironment({})).toMatchObject({
      anonymous: DEFAULT_ANONYMOUS_QUOTA,
      costPerToken: DEFAULT_COST_PER_TOKEN,
      maxMemoryBuckets: 100_000,
    });
    expect(
      rateLimitSettingsFromEnvironment({ RATE_LIMIT_CAPACITY: "30", RATE_LIMIT_REFILL_PER_SECOND: "0.5" })
        ?.anonymous,
    ).toEqual({ capacity: 30, refillPerSecond: 0.5 });
  });

  it("refuse a variable that is not a positive number, naming it", () => {
    expect(() => rateLimitSettingsFromEnvironment({ RATE_LIMIT_CAPACITY: "lots" })).toThrow(
      /RATE_LIMIT_CAPACITY/,
    );
    expect(() => rateLimitSettingsFromEnvironment({ RATE_LIMIT_REFILL_PER_SECOND: "0" })).toThrow(/REFILL/);
  });

  it("read API keys from API_KEYS_FILE, by their sha256", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "api-keys-")), "keys.json");
    const entries = [
      { keySha256: apiKeyHash(PORTAL_KEY).toUpperCase(), name: "portal", capacity: 600, refillPerSecond: 10 },
      {
        key: "researcher-key-0123456789",
        name: "researcher",
        capacity: 300,
        refillPerSecond: 5,
        maxCost: 50_000,
      },
    ];
    writeFileSync(file, JSON.stringify(entries));
    const keys = rateLimitSettingsFromEnvironment({ API_KEYS_FILE: file })?.keys;
    expect(keys?.get(apiKeyHash(PORTAL_KEY))).toEqual({ name: "portal", capacity: 600, refillPerSecond: 10 });
    expect(keys?.get(apiKeyHash("researcher-key-0123456789"))?.maxCost).toBe(50_000);
    writeFileSync(file, "{");
    expect(() => readApiKeysFile(file)).toThrow(/API_KEYS_FILE/);
  });

  it("refuse an API key entry that breaks a rule, naming the entry and the rule", () => {
    const valid = { key: PORTAL_KEY, name: "portal", capacity: 10, refillPerSecond: 1 };
    const refusal = (entries: unknown) => () => apiKeysFrom(entries, "keys.json");
    expect(refusal({})).toThrow(/array/);
    expect(refusal([{ ...valid, keySha256: apiKeyHash(PORTAL_KEY) }])).toThrow(/entry 0: give exactly one/);
    expect(refusal([{ ...valid, key: "short" }])).toThrow(/at least 16/);
    expect(refusal([{ ...valid, key: undefined, keySha256: "abc" }])).toThrow(/64 hex/);
    expect(refusal([{ ...valid, capacity: 0 }])).toThrow(/"capacity"/);
    expect(refusal([{ ...valid, refillPerSecond: "1" }])).toThrow(/"refillPerSecond"/);
    expect(refusal([{ ...valid, maxCost: -1 }])).toThrow(/"maxCost"/);
    expect(refusal([valid, { ...valid, key: "another-key-0123456789" }])).toThrow(
      /entry 1: the name "portal"/,
    );
    expect(refusal([valid, { ...valid, name: "again" }])).toThrow(/same key is given twice/);
  });
});
