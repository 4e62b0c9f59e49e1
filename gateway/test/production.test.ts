// Production mode: no introspection and no "Did you mean" suggestions; stack traces in no mode; the
// query page optional. The gateway runs without subgraphs: none of these requests reaches one.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { afterEach, describe, expect, it } from "vitest";
import { createGatewayServer } from "../src/gateway";
import { productionMode, queryPageEnabled } from "../src/limits/production";
import { readSupergraph } from "../src/supergraph";

let server: ApolloServer<BaseContext> | undefined;
afterEach(() => server?.stop());

async function gateway(production: boolean): Promise<ApolloServer<BaseContext>> {
  server = createGatewayServer({
    supergraphSdl: readSupergraph(),
    responseCache: false,
    dataVersion: { current: async () => null, close: async () => {} },
    production,
  });
  await server.start();
  return server;
}

async function errorsOf(
  gatewayServer: ApolloServer<BaseContext>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
  const response = await gatewayServer.executeOperation({ query, variables });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return [...(response.body.singleResult.errors ?? [])];
}

const MISSPELT_FIELD = "{ citys { id } }";
const MISSPELT_ENUM = "query ($by: CentralityMeasure!) { network { ranking(by: $by) { rank } } }";

describe("production mode", () => {
  it("refuses introspection", async () => {
    const [error] = await errorsOf(await gateway(true), "{ __schema { queryType { name } } }");
    expect(error?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(error?.message).toContain("introspection");
  });

  it("suggests no names, for fields or for variables' values", async () => {
    const gatewayServer = await gateway(true);
    const [field] = await errorsOf(gatewayServer, MISSPELT_FIELD);
    expect(field?.message).toBe('Cannot query field "citys" on type "Query".');
    const [value] = await errorsOf(gatewayServer, MISSPELT_ENUM, { by: "BETWEENES" });
    expect(value?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(value?.message).not.toMatch(/did you mean|BETWEENNESS/i);
  });

  it("is on with NODE_ENV=production or TWINGRAPH_PRODUCTION=1", () => {
    expect(productionMode({ NODE_ENV: "production" })).toBe(true);
    expect(productionMode({ TWINGRAPH_PRODUCTION: "1" })).toBe(true);
    expect(productionMode({ NODE_ENV: "development" })).toBe(false);
  });
});

describe("development mode", () => {
  it("answers introspection and suggests names", async () => {
    const gatewayServer = await gateway(false);
    expect(await errorsOf(gatewayServer, "{ __schema { queryType { name } } }")).toEqual([]);
    const [field] = await errorsOf(gatewayServer, MISSPELT_FIELD);
    expect(field?.message).toContain('Did you mean "city" or "cities"?');
  });
});

describe("stack traces", () => {
  it("are in no answer, even where Apollo would add them (NODE_ENV unset)", async () => {
    const nodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      const gatewayServer = await gateway(false);
      for (const error of await errorsOf(gatewayServer, MISSPELT_FIELD)) {
        expect(error.extensions).not.toHaveProperty("stacktrace");
        expect(JSON.stringify(error)).not.toContain("node_modules");
      }
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
});

describe("the query page", () => {
  it("is served unless GRAPHIQL=0", () => {
    expect(queryPageEnabled({})).toBe(true);
    expect(queryPageEnabled({ GRAPHIQL: "0" })).toBe(false);
  });
});
