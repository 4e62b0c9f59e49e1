// Memory from persisted-query registrations (issue 14): rounds of 20,000 random registrations grew
// the gateway by hundreds of megabytes, as its caches counted text, not what an entry takes. Now the
// registrations, the parsed documents and the query plans are each bounded by bytes, overhead counted.
import { randomBytes } from "node:crypto";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayContext } from "../src/context";
import { createGatewayServer, type GatewayOptions } from "../src/gateway";
import { byteBoundedCache, entryBytes } from "../src/limits/memory-cache";
import { operationId } from "../src/persisted-operations";
import { readSupergraph } from "../src/supergraph";

v8.setFlagsFromString("--expose_gc");
const collectGarbage = runInNewContext("gc") as () => void;
const MEBIBYTE = 1_048_576;

function randomOperation(padding = 0): string {
  const tag = randomBytes(6).toString("hex");
  return `query Q${tag} { city(id: "${tag}${"x".repeat(padding)}") { name } }`;
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe("the registration store", () => {
  it("keeps 20,000 random registrations within its bound, overhead counted", async () => {
    const bound = 4 * MEBIBYTE;
    const store = byteBoundedCache(bound);
    for (let index = 0; index < 20_000; index += 1) {
      const text = randomOperation(200);
      await store.set(`apq:${operationId(text)}`, text);
    }
    let accounted = 0;
    for (const key of store.keys()) accounted += entryBytes(key, (await store.get(key)) ?? "");
    expect(accounted).toBeLessThanOrEqual(bound);
    expect(store.keys().length).toBeLessThan(20_000);
  });
});

let server: ApolloServer<BaseContext> | undefined;
afterEach(() => server?.stop());

async function gateway(options: Partial<GatewayOptions>): Promise<ApolloServer<BaseContext>> {
  // subgraphs that answer nothing: what the gateway keeps is what is measured
  const silent = { process: async () => ({ data: null }) };
  server = createGatewayServer({
    supergraphSdl: readSupergraph(),
    responseCache: false,
    dataVersion: { current: async () => null, close: async () => {} },
    dataSources: { cities: silent, agreements: silent, projects: silent, news: silent },
    ...options,
  });
  await server.start();
  return server;
}

describe("a gateway taking random registrations", () => {
  async function send(
    gatewayServer: ApolloServer<BaseContext>,
    query: string | undefined,
    hash: string,
    clientIp: string,
  ): Promise<string | undefined> {
    const contextValue: GatewayContext = { requestId: "test", clientIp };
    const response = await gatewayServer.executeOperation(
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      { contextValue },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult.errors?.[0]?.message;
  }

  it("grows by a bounded amount and forgets the oldest past its bound", async () => {
    const gatewayServer = await gateway({ persistedQueryBytes: MEBIBYTE });
    const first = randomOperation();
    await send(gatewayServer, first, operationId(first), "198.51.100.1");
    const before = heapUsed();
    for (let index = 0; index < 20_000; index += 1) {
      const query = randomOperation();
      await send(gatewayServer, query, operationId(query), `10.0.${index >> 8}.${index & 255}`);
    }
    const grown = (heapUsed() - before) / MEBIBYTE;
    console.log(
      `20,000 random registrations: heap +${grown.toFixed(1)} MB, RSS ${(process.memoryUsage().rss / MEBIBYTE).toFixed(0)} MB`,
    );
    // the parent commit's gateway grew by about 100 MB here, and on with every round
    expect(grown).toBeLessThan(64);
    expect(await send(gatewayServer, undefined, operationId(first), "198.51.100.1")).toBe(
      "PersistedQueryNotFound",
    );
  }, 300_000);

  it("keeps no more registrations from one client than its quota per minute, and still answers", async () => {
    const gatewayServer = await gateway({ registrationsPerMinute: 3 });
    const queries = Array.from({ length: 4 }, () => randomOperation());
    for (const query of queries)
      expect(await send(gatewayServer, query, operationId(query), "192.0.2.7")).toBeUndefined();
    const kept = async (query: string) =>
      (await send(gatewayServer, undefined, operationId(query), "192.0.2.7")) !== "PersistedQueryNotFound";
    expect(await Promise.all(queries.map(kept))).toEqual([true, true, true, false]);
    // another client's registration is kept
    const other = randomOperation();
    await send(gatewayServer, other, operationId(other), "192.0.2.8");
    expect(await kept(other)).toBe(true);
  });
});

describe("the query plans", () => {
  /** an operation of its own, planned over three subgraphs (about 2 KB of plan JSON) */
  function plannedOperation(): string {
    const tag = randomBytes(6).toString("hex");
    return `query P${tag} { partnershipBetween(cityIds: ["${tag}", "b"]) { kind cities { name } agreements { title } projects { title } visits { date } } }`;
  }

  async function plan(gatewayServer: ApolloServer<BaseContext>, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const response = await gatewayServer.executeOperation(
        { query: plannedOperation() },
        { contextValue: { requestId: "test" } },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
    }
  }

  it("are kept within their bound in bytes of heap, not of JSON", async () => {
    // no parsed documents are kept: the plans are what is measured
    const gatewayServer = await gateway({ queryPlanBytes: 2 * MEBIBYTE, documentCacheBytes: 1 });
    // the first operations compile the planner's code and fill the store to its bound
    await plan(gatewayServer, 500);
    const before = heapUsed();
    await plan(gatewayServer, 6_000);
    const grown = (heapUsed() - before) / MEBIBYTE;
    console.log(`6,000 planned operations with 2 MiB of plans: heap +${grown.toFixed(1)} MB`);
    // plans counted by their JSON alone took about 2.5 times their bound: +21 MB here with 8 MiB
    expect(grown).toBeLessThan(6);
  }, 300_000);
});
