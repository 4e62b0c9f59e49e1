// The response cache's plugin over a little schema, with a data version the test moves and stores
// it can watch: misses read no version and store their answer after it has gone out, a stored answer
// is served only under the version it was read at, what must not be shared is neither stored nor
// served, the in-memory store keeps to its bytes, and a store that fails costs no answer.
import { ApolloServer, type BaseContext } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DataVersion } from "../src/data-version";
import { byteBoundedCache } from "../src/limits/memory-cache";
import { CACHE_STATUS_HEADER, responseCache } from "../src/response-cache";
import { VersionReadings } from "../src/response-cache-version";

const typeDefs = /* GraphQL */ `
  type Query {
    text(name: String!, length: Int = 1): String
    private: String
    broken: String
  }
  type Mutation {
    touch: Int
  }
`;

const resolvers = {
  Query: {
    text: (_: unknown, args: { name: string; length: number }) => args.name.repeat(args.length),
    private: (
      _: unknown,
      _args: unknown,
      _context: unknown,
      info: { cacheControl: { setCacheHint(hint: object): void } },
    ) => {
      info.cacheControl.setCacheHint({ scope: "PRIVATE" });
      return "mine";
    },
    broken: () => {
      throw new Error("broken");
    },
  },
  Mutation: { touch: () => 1 },
};

/** A data version the test sets; `reads` counts how often it was asked. */
class TestVersion implements DataVersion {
  reads = 0;
  constructor(public version: string | null = "v1") {}
  async current() {
    this.reads += 1;
    return this.version;
  }
  async close() {}
}

let servers: ApolloServer<BaseContext>[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
});

async function cachedServer(
  dataVersion: DataVersion,
  cache: KeyValueCache<string> = byteBoundedCache(1_000_000),
): Promise<ApolloServer<BaseContext>> {
  const server = new ApolloServer<BaseContext>({
    typeDefs,
    resolvers,
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: 300 }),
      // no background renewal of the version: the test says when it moves
      ...responseCache(dataVersion, cache, Number.POSITIVE_INFINITY),
    ],
  });
  await server.start();
  servers.push(server);
  return server;
}

interface Asked {
  cache: string | undefined;
  data: unknown;
  errors: unknown;
  headers: Map<string, string>;
}

async function ask(
  server: ApolloServer<BaseContext>,
  query: string,
  variables: Record<string, unknown> = {},
  context: object = {},
): Promise<Asked> {
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== "single") throw new Error("an incremental answer");
  const headers = new Map(response.http.headers);
  return {
    cache: headers.get(CACHE_STATUS_HEADER),
    data: response.body.singleResult.data,
    errors: response.body.singleResult.errors,
    headers,
  };
}

/** Lets the stores scheduled after the last answers run. */
const stored = () => new Promise((resolve) => setImmediate(resolve));

const TEXT = "query Text($name: String!, $length: Int) { text(name: $name, length: $length) }";

/** A store that records its writes and keeps them in memory. */
class WatchedStore implements KeyValueCache<string> {
  readonly entries = new Map<string, string>();
  async get(key: string) {
    return this.entries.get(key);
  }
  async set(key: string, value: string) {
    this.entries.set(key, value);
  }
  async delete(key: string) {
    return this.entries.delete(key);
  }
}

describe("the response cache", () => {
  it("serves a repeated query from the cache, with its policy and age, under the same version", async () => {
    const server = await cachedServer(new TestVersion());
    const first = await ask(server, TEXT, { name: "a" });
    await stored();
    const second = await ask(server, TEXT, { name: "a" });
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.data).toEqual(first.data);
    expect(second.headers.get("cache-control")).toBe("max-age=300, public");
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect((await ask(server, TEXT, { name: "b" })).cache).toBe("miss");
  });

  it("reads no version for a miss once it has one, and a fresh one to serve a stored answer", async () => {
    const version = new TestVersion();
    const server = await cachedServer(version);
    for (let index = 0; index < 5; index++) await ask(server, TEXT, { name: `cold-${index}` });
    expect(version.reads).toBe(1);
    await stored();
    expect((await ask(server, TEXT, { name: "cold-0" })).cache).toBe("hit");
    expect(version.reads).toBe(2);
  });

  it("serves no answer stored under an earlier version, and stores the new one", async () => {
    const version = new TestVersion("v1");
    const server = await cachedServer(version);
    await ask(server, TEXT, { name: "a" });
    await stored();
    version.version = "v2";
    expect((await ask(server, TEXT, { name: "a" })).cache).toBe("miss");
    await stored();
    expect((await ask(server, TEXT, { name: "a" })).cache).toBe("hit");
  });

  it("neither stores nor serves while the version is unknown", async () => {
    const store = new WatchedStore();
    const version = new TestVersion(null);
    const server = await cachedServer(version, store);
    await ask(server, TEXT, { name: "a" });
    await stored();
    expect(store.entries.size).toBe(0);
    version.version = "v1";
    await ask(server, TEXT, { name: "b" });
    await stored();
    version.version = null;
    expect((await ask(server, TEXT, { name: "b" })).cache).toBe("miss");
  });

  it("neither stores nor serves an answer to a signed-in account", async () => {
    const store = new WatchedStore();
    const server = await cachedServer(new TestVersion(), store);
    const signedIn = { viewer: { subject: "ana", role: "editor" } };
    await ask(server, TEXT, { name: "mine" }, signedIn);
    await stored();
    expect(store.entries.size).toBe(0);
    await ask(server, TEXT, { name: "shared" });
    await stored();
    expect((await ask(server, TEXT, { name: "shared" }, signedIn)).cache).toBe("miss");
    expect((await ask(server, TEXT, { name: "shared" })).cache).toBe("hit");
  });

  it("stores no mutation, no answer with errors and no private answer", async () => {
    const store = new WatchedStore();
    const server = await cachedServer(new TestVersion(), store);
    const mutation = await ask(server, "mutation { touch }");
    expect(mutation.cache).toBeUndefined();
    const broken = await ask(server, "{ broken }");
    expect(broken.errors).toBeDefined();
    await ask(server, "{ private }");
    await stored();
    expect(store.entries.size).toBe(0);
  });

  it("stores after the answer has gone out, and the entry lands", async () => {
    const store = new WatchedStore();
    const server = await cachedServer(new TestVersion(), store);
    await ask(server, TEXT, { name: "a" });
    expect(store.entries.size).toBe(0);
    await stored();
    expect(store.entries.size).toBe(1);
    expect((await ask(server, TEXT, { name: "a" })).cache).toBe("hit");
  });

  it("answers whatever the store does when asked to keep an answer", async () => {
    const rejecting: KeyValueCache<string> = {
      get: async () => undefined,
      set: () => Promise.reject(new Error("the store is away")),
      delete: async () => false,
    };
    const throwing: KeyValueCache<string> = {
      ...rejecting,
      set: () => {
        throw new Error("the store is broken");
      },
    };
    for (const store of [rejecting, throwing]) {
      const server = await cachedServer(new TestVersion(), store);
      const answer = await ask(server, TEXT, { name: "a" });
      await stored();
      expect(answer).toMatchObject({ cache: "miss", data: { text: "a" }, errors: undefined });
      expect((await ask(server, TEXT, { name: "a" })).data).toEqual({ text: "a" });
    }
  });

  it("keeps the in-memory store within its bytes, dropping the least recently used answer", async () => {
    // each entry takes about 1,400 bytes (its answer, key, version and overhead): two fit, not three
    const server = await cachedServer(new TestVersion(), byteBoundedCache(3_000));
    const long = (name: string) => ({ name, length: 1_000 });
    for (const name of ["a", "b"]) {
      await ask(server, TEXT, long(name));
      await stored();
    }
    expect((await ask(server, TEXT, long("a"))).cache).toBe("hit");
    await ask(server, TEXT, long("c"));
    await stored();
    expect((await ask(server, TEXT, long("a"))).cache).toBe("hit");
    expect((await ask(server, TEXT, long("b"))).cache).toBe("miss");
  });
});

describe("the version readings", () => {
  it("store under the latest reading, renewing it off the path once it is older than allowed", async () => {
    const version = new TestVersion("v1");
    const readings = new VersionReadings(version, 0);
    expect(await readings.forStoring()).toBe("v1");
    version.version = "v2";
    // the reading that ended is used at once; a new one starts behind it
    expect(await readings.forStoring()).toBe("v1");
    await vi.waitFor(async () => expect(await readings.forStoring()).toBe("v2"));
    expect(await readings.fresh()).toBe("v2");
  });

  it("take a version that cannot be read for an unknown one", async () => {
    const readings = new VersionReadings({
      current: () => Promise.reject(new Error("away")),
      close: async () => {},
    });
    expect(await readings.fresh()).toBeNull();
    expect(await readings.forStoring()).toBeNull();
  });
});
