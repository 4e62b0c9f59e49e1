// Operation limits and demand control on a whole federation in one process: the request guard
// refuses what would be expensive to validate or plan, and what would reach the subgraphs with a
// list too long, before Apollo sees it; the cost refuses what would be expensive to run.

import type { IncomingMessage } from "node:http";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fetchNetwork, type GatewayContext, requestGuardOf } from "@twingraph/gateway";
import { HttpError } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";

let federation: Federation;
let gateway: ApolloServer<BaseContext>;

beforeAll(async () => {
  federation = await inProcessFederation();
  gateway = federation.gateway as ApolloServer<BaseContext>;
});

afterAll(() => federation?.close());

/** What serve does with a POST: the guard first, then Apollo; the guard's refusal, if any. */
async function guarded(body: Record<string, unknown>): Promise<HttpError | undefined> {
  try {
    await requestGuardOf(gateway)(
      { method: "POST" } as IncomingMessage,
      body,
      new URL("http://localhost/graphql"),
    );
    return undefined;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
}

async function asClient(query: string) {
  const contextValue: GatewayContext = { requestId: "limits-test", clientIp: "192.0.2.1" };
  const response = await gateway.executeOperation({ query }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { status: response.http.status ?? 200, result: response.body.singleResult };
}

describe("the request guard on a federation", () => {
  it("refuses cities(ids:) with 60,000 ids before the cities subgraph sees them", async () => {
    const ids = Array.from({ length: 60_000 }, (_, index) => `city-${index}`);
    const statements = federation.counters.cities.count;
    const byVariable = await guarded({
      query: "query ($ids: [ID!]) { cities(ids: $ids) { name } }",
      variables: { ids },
    });
    expect(byVariable?.status).toBe(400);
    expect(byVariable?.extensions).toMatchObject({ limit: "listItems", maximum: 100, found: 60_000 });
    // written out, 60,000 ids are 60,000 tokens
    const literal = await guarded({ query: `{ cities(ids: ${JSON.stringify(ids)}) { name } }` });
    expect(literal?.extensions.limit).toBe("tokens");
    expect(federation.counters.cities.count).toBe(statements);
  });

  it("refuses the issue's 1 KB fragment bomb, fragments 14 deep each spreading the next twice", async () => {
    const levels = 14;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1
        ? `fragment F${level} on City { id name localName latitude longitude population country { code name } }`
        : `fragment F${level} on City { ...F${level + 1} ...F${level + 1} }`,
    );
    const query = `query Bomb { city(id: "si-kranj") { ...F0 partners { ...F0 } } } ${fragments.join(" ")}`;
    const before = process.cpuUsage();
    const refusal = await guarded({ query });
    const { user, system } = process.cpuUsage(before);
    expect(refusal?.code).toBe("OPERATION_LIMIT_EXCEEDED");
    expect(refusal?.extensions.limit).toBe("fields");
    console.log(
      `fragment bomb of ${query.length} bytes refused in ${((user + system) / 1000).toFixed(1)} ms of CPU`,
    );
  });

  it("lets the dossier through, and Apollo answers it", async () => {
    const query = `{ partnershipBetween(cityIds: ["at-villach", "si-kranj"]) { kind cities { name } } }`;
    expect(await guarded({ query })).toBeUndefined();
    const { result } = await asClient(query);
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 1 + 10 * 1, maximum: 10_000 });
  });
});

describe("demand control on a federation", () => {
  it("refuses an operation over the maximum cost before it runs", async () => {
    const { status, result } = await asClient(
      `{ network(filter: { kinds: [TWINNING] }) { nodes(first: 100000) { city { name } } } }`,
    );
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "COST_LIMIT_EXCEEDED", maxCost: 10_000 });
    expect(result.errors?.[0]?.extensions?.cost).toBeGreaterThan(10_000);
  });

  it("answers a betweenness ranking on a new whole-network filter, costed as 500 searches at most", async () => {
    const { result } = await asClient(
      `{ network(filter: { kinds: [TWINNING] }) { ranking(by: BETWEENNESS) { rank method } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 1_211, maximum: 10_000 });
  });

  it("answers a country's betweenness ranking, with its cost", async () => {
    const { result } = await asClient(
      `{ network(filter: { country: "SI" }) { ranking(by: BETWEENNESS) { rank } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 191, maximum: 10_000 });
  });

  it("runs the gateway's own whole-network export, which it costs but does not limit", async () => {
    const network = await fetchNetwork(gateway, {});
    expect(network.nodes.length).toBeGreaterThan(0);
  });
});
