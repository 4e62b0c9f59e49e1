// The cost model (docs/limits.md, "Cost") and demand control in the gateway: refusal over the
// maximum, extensions.cost on answers, the cost on the context and onCost before the operation runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { metricsRegistry } from "@twingraph/kit/http";
import { buildSchema, GraphQLError, parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayContext } from "../src/context";
import { createGatewayServer, type GatewayOptions } from "../src/gateway";
import { operationCost } from "../src/limits/cost";
import { DEFAULT_COST, DEFAULT_LIMITS } from "../src/limits/settings";
import { readSupergraph } from "../src/supergraph";

const schema = buildSchema(readFileSync(path.resolve(__dirname, "../../schema/api.graphql"), "utf8"));

function cost(query: string, variables?: Record<string, unknown>, operationName?: string): number {
  return operationCost(
    { schema, document: parse(query), variables, operationName, maxFields: DEFAULT_LIMITS.fields },
    DEFAULT_COST,
  );
}

describe("the cost model", () => {
  it("costs an object 1, a scalar 0 and a list its first times its item", () => {
    expect(cost(`{ cities(first: 5) { name } }`)).toBe(5);
    expect(cost(`{ cities(first: 5) { name country { code } } }`)).toBe(10);
    expect(cost(`{ city(id: "si-kranj") { name } }`)).toBe(1);
  });

  it("takes first's default, caps it as the subgraphs do, and assumes a length for lists without one", () => {
    expect(cost(`{ cities { name } }`)).toBe(20);
    expect(cost(`{ cities(first: 100000) { name } }`)).toBe(100);
    expect(cost(`query ($n: Int) { cities(first: $n) { name } }`, { n: 3 })).toBe(3);
    expect(cost(`{ city(id: "si-kranj") { partnerships { id } } }`)).toBe(11);
    expect(cost(`{ city(id: "si-kranj") { partnerships { cities { partnerships { id } } } } }`)).toBe(
      1 + 10 * (1 + 10 * 11),
    );
  });

  it("costs the dossier's Twinning query 481, as docs/limits.md works it out", () => {
    const dossier = readFileSync(path.resolve(__dirname, "../../test/queries/dossier.graphql"), "utf8");
    expect(cost(dossier, { a: "at-villach", b: "si-kranj" }, "Twinning")).toBe(481);
  });

  it("weighs betweenness by the view: precomputed on the whole network, a search per place (500 at most) on a new filter", () => {
    const ranking = (filter: string) => `{ network${filter} { ranking(by: BETWEENNESS) { rank } } }`;
    expect(cost(ranking(""))).toBe(200 + 1 + 10 + 200);
    expect(cost(ranking(`(filter: { country: "SI" })`))).toBe(30 + 1 + 10 + 150);
    expect(cost(ranking(`(filter: { kinds: [TWINNING] })`))).toBe(200 + 1 + 10 + 1_000);
    expect(cost(`{ network(filter: { kinds: [TWINNING] }) { ranking(by: DEGREE) { rank } } }`)).toBe(411);
    const byVariable = `query ($f: NetworkFilter) { network(filter: $f) { ranking(by: CLOSENESS) { rank } } }`;
    expect(cost(byVariable, { f: { from: "2000-01-01" } })).toBe(1_211);
  });

  it("weighs a neighbourhood by its depth and the places it lists, communities by their passes", () => {
    const neighbourhood = `{ network { neighbourhood(cityId: "si-kranj", depth: 2, first: 100) { cities { city { name } } } } }`;
    expect(cost(neighbourhood)).toBe(200 + 1 + (1 + 10 * 10 * 2) + 400);
    expect(cost(`{ network { communities { count } } }`)).toBe(200 + 1 + 1 + 2_000);
  });

  it("sizes the export lists by the view, up to their page of 100,000", () => {
    expect(cost(`{ network { nodes(first: 100000) { degree } } }`)).toBe(200 + 1 + 20_000 + 200);
    expect(cost(`{ network(filter: { country: "SI" }) { nodes(first: 100000) { degree } } }`)).toBe(
      30 + 1 + 3_000 + 30,
    );
  });

  it("costs introspection nothing: graphql-js bounds its nesting", () => {
    expect(cost(`{ __schema { types { name fields { name type { name } } } } }`)).toBe(0);
  });
});

describe("demand control in the gateway", () => {
  let server: ApolloServer<BaseContext> | undefined;
  afterEach(() => server?.stop());

  async function gateway(options: Partial<GatewayOptions> = {}): Promise<ApolloServer<BaseContext>> {
    server = createGatewayServer({
      supergraphSdl: readSupergraph(),
      responseCache: false,
      dataVersion: { current: async () => null, close: async () => {} },
      ...options,
    });
    await server.start();
    return server;
  }

  const client = (): GatewayContext => ({ requestId: "test", clientIp: "192.0.2.1" });

  async function run(gatewayServer: ApolloServer<BaseContext>, query: string, contextValue: GatewayContext) {
    const response = await gatewayServer.executeOperation({ query }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return { status: response.http.status, result: response.body.singleResult };
  }

  it("answers with extensions.cost, records the cost and hands it to onCost before running", async () => {
    const charged: { cost: number; recorded?: number; requestId: string }[] = [];
    const gatewayServer = await gateway({
      // the cities subgraph, as far as this query needs it
      dataSources: { cities: { process: async () => ({ data: { cities: [{ name: "Kranj" }] } }) } },
      onCost: async (cost, context) =>
        void charged.push({ cost, recorded: context.cost, requestId: context.requestId }),
    });
    const { result } = await run(gatewayServer, "{ cities(first: 3) { name } }", client());
    expect(result.data).toEqual({ cities: [{ name: "Kranj" }] });
    expect(result.extensions?.cost).toEqual({ requested: 3, maximum: DEFAULT_COST.maxCost });
    // Apollo runs each operation on its own copy of the context: onCost sees the one that runs
    expect(charged).toEqual([{ cost: 3, recorded: 3, requestId: "test" }]);
    expect(await metricsRegistry.getSingleMetricAsString("twingraph_operation_cost")).toMatch(
      /twingraph_operation_cost_bucket\{le="10"\} [1-9]/,
    );
  });

  it("costs one text anew for each set of variables, and alike when it comes again", async () => {
    const gatewayServer = await gateway({
      dataSources: { cities: { process: async () => ({ data: { cities: [] } }) } },
    });
    const query = "query ($n: Int) { cities(first: $n) { name } }";
    const costOf = async (n: number) => {
      const response = await gatewayServer.executeOperation(
        { query, variables: { n } },
        { contextValue: client() },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return (response.body.singleResult.extensions?.cost as { requested: number } | undefined)?.requested;
    };
    expect([await costOf(3), await costOf(7), await costOf(3), await costOf(7)]).toEqual([3, 7, 3, 7]);
  });

  it("refuses an operation over the maximum with COST_LIMIT_EXCEEDED and the figures", async () => {
    let charged = false;
    const gatewayServer = await gateway({
      cost: { maxCost: 100 },
      onCost: async () => {
        charged = true;
      },
    });
    const { status, result } = await run(
      gatewayServer,
      "{ cities(first: 60) { name country { code } } }",
      client(),
    );
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "COST_LIMIT_EXCEEDED",
      cost: 120,
      maxCost: 100,
    });
    expect(result.extensions?.cost).toEqual({ requested: 120, maximum: 100 });
    expect(charged).toBe(false);
  });

  it("answers what onCost throws: the rate limit's 429", async () => {
    const gatewayServer = await gateway({
      onCost: async () => {
        throw new GraphQLError("Too many requests.", {
          extensions: { code: "RATE_LIMITED", http: { status: 429 } },
        });
      },
    });
    const { status, result } = await run(gatewayServer, "{ __typename }", client());
    expect(status).toBe(429);
    expect(result.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });
});
