// Client mistakes that the gateway answered with HTTP 500 (issue 14): each is now a 400 with a code.
// The gateway runs here without subgraphs: none of these requests reaches one.
import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayServer } from "../src/gateway";
import { readSupergraph } from "../src/supergraph";

let server: ApolloServer<BaseContext>;

beforeAll(async () => {
  server = createGatewayServer({
    supergraphSdl: readSupergraph(),
    responseCache: false,
    dataVersion: { current: async () => null, close: async () => {} },
  });
  await server.start();
});

afterAll(() => server?.stop());

interface Answer {
  status: number;
  errors: { message: string; extensions: { code: string } }[];
}

/** Runs the request as serve hands it to Apollo, and reads the HTTP answer. */
async function answer(method: "GET" | "POST", search: string, body?: unknown): Promise<Answer> {
  const headers = new HeaderMap([["content-type", "application/json"]]);
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search, body },
    context: async () => ({}),
  });
  if (result.body.kind !== "complete") throw new Error("expected a complete answer");
  return {
    status: result.status ?? 200,
    ...(JSON.parse(result.body.string) as { errors: Answer["errors"] }),
  };
}

describe("client mistakes that were HTTP 500", () => {
  it("an empty operationName in a GET", async () => {
    const { status, errors } = await answer("GET", "?query={__typename}&operationName=");
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(errors[0]?.message).toContain("operationName is empty");
  });

  it("two operations without an operationName", async () => {
    const { status, errors } = await answer("POST", "", {
      query: "query A { __typename } query B { __typename }",
    });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(errors[0]?.message).toContain("2 operations");
  });

  it("an operationName the document does not have", async () => {
    const { status, errors } = await answer("POST", "", {
      query: "query A { __typename }",
      operationName: "B",
    });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
  });

  it("a subscription, which the graph has no type for", async () => {
    const { status, errors } = await answer("POST", "", { query: "subscription { __typename }" });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(errors[0]?.message).toBe("This graph has no subscription type.");
  });

  it("a mutation of a field the graph lacks", async () => {
    const { status, errors } = await answer("POST", "", { query: "mutation { deleteEverything }" });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("a Float literal beyond a double's range", async () => {
    const query = "{ network { communities(resolution: 1e400) { count } } }";
    const { status, errors } = await answer("POST", "", { query });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(errors[0]?.message).toContain("1e400 is out of range");
  });

  it("an Int literal read as a Float beyond a double's range", async () => {
    const query = `{ network { communities(resolution: ${"9".repeat(400)}) { count } } }`;
    const { status, errors } = await answer("POST", "", { query });
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("batches", () => {
  it("answers each operation of a batch within the limit", async () => {
    const headers = new HeaderMap([["content-type", "application/json"]]);
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers,
        search: "",
        body: [{ query: "{ __typename }" }, { query: "query Named { __typename }" }],
      },
      context: async () => ({}),
    });
    expect(result.status ?? 200).toBe(200);
    if (result.body.kind !== "complete") throw new Error("expected a complete answer");
    const answers = JSON.parse(result.body.string) as { data: unknown }[];
    expect(answers.map((answer) => answer.data)).toEqual([{ __typename: "Query" }, { __typename: "Query" }]);
  });

  it("refuses an empty batch with a code", async () => {
    const { status, errors } = await answer("POST", "", []);
    expect(status).toBe(400);
    expect(errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });
});

describe("an Int literal beyond range where an Int is expected", () => {
  it("keeps graphql-js's one error", async () => {
    const { status, errors } = await answer("POST", "", {
      query: `{ cities(first: ${"9".repeat(400)}) { name } }`,
    });
    expect(status).toBe(400);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringContaining("Int cannot represent non 32-bit signed integer value"),
    ]);
  });
});
