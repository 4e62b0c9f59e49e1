// Persisted queries by GET, the POST that registers an unknown hash, and the errors the widget shows.
import { describe, expect, it } from "vitest";
import {
  fetchPersisted,
  GraphQLRequestError,
  type PersistedRequest,
  persistedGetUrl,
} from "../src/browser/partnerships-request";

const REQUEST: PersistedRequest = {
  endpoint: new URL("http://gateway.test/graphql"),
  operationName: "TwinPartnerships",
  query: "query TwinPartnerships($city: ID!) { city(id: $city) { id } }",
  sha256Hash: "ab".repeat(32),
  variables: { city: "si-kranj", lang: "sl" },
};

interface Call {
  url: string;
  method: string;
  body?: unknown;
  headers: Record<string, string>;
}

/** A fetch that answers each call in turn and records what was asked. */
function scriptedFetch(...answers: Response[]): { fetcher: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(input),
      method: init.method ?? "GET",
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: { ...(init.headers as Record<string, string>) },
    });
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return answer;
  }) as typeof fetch;
  return { fetcher, calls };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("persistedGetUrl", () => {
  it("carries the operation name, the variables and the hash, never the query text", () => {
    const url = persistedGetUrl(REQUEST);
    expect(url.origin + url.pathname).toBe("http://gateway.test/graphql");
    expect(url.searchParams.get("operationName")).toBe("TwinPartnerships");
    expect(JSON.parse(url.searchParams.get("variables") ?? "")).toEqual(REQUEST.variables);
    expect(JSON.parse(url.searchParams.get("extensions") ?? "")).toEqual({
      persistedQuery: { version: 1, sha256Hash: REQUEST.sha256Hash },
    });
    expect(url.searchParams.has("query")).toBe(false);
  });
});

describe("fetchPersisted", () => {
  it("reads the data of a GET by hash, sending no header that would need a CORS preflight", async () => {
    const { fetcher, calls } = scriptedFetch(json({ data: { city: { id: "si-kranj" } } }));
    expect(await fetchPersisted(REQUEST, undefined, fetcher)).toEqual({ city: { id: "si-kranj" } });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe("GET");
    expect(Object.keys(calls[0].headers)).toEqual(["accept"]);
  });

  it("registers an unknown hash with one POST of the full text, then reads its answer", async () => {
    const { fetcher, calls } = scriptedFetch(
      json({
        errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }],
      }),
      json({ data: { city: null } }),
    );
    expect(await fetchPersisted(REQUEST, undefined, fetcher)).toEqual({ city: null });
    expect(calls.map((call) => call.method)).toEqual(["GET", "POST"]);
    expect(calls[1].url).toBe("http://gateway.test/graphql");
    expect(calls[1].body).toEqual({
      operationName: "TwinPartnerships",
      query: REQUEST.query,
      variables: REQUEST.variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: REQUEST.sha256Hash } },
    });
  });

  it("fails with the graph's error messages, even beside partial data", async () => {
    const { fetcher } = scriptedFetch(
      json({
        data: { city: null },
        errors: [{ message: "Subgraph cities is down." }, { message: "Try later." }],
      }),
    );
    const failure = await fetchPersisted(REQUEST, undefined, fetcher).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLRequestError);
    expect((failure as GraphQLRequestError).messages).toEqual(["Subgraph cities is down.", "Try later."]);
  });

  it("fails with the HTTP status when the answer is not JSON", async () => {
    const { fetcher } = scriptedFetch(
      new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }),
    );
    await expect(fetchPersisted(REQUEST, undefined, fetcher)).rejects.toThrow("HTTP 502 Bad Gateway");
  });

  it("fails when the safelist refuses the operation, without trying to register it", async () => {
    const { fetcher, calls } = scriptedFetch(
      json({
        errors: [
          { message: "Not in the safelist.", extensions: { code: "PERSISTED_QUERY_NOT_IN_SAFELIST" } },
        ],
      }),
    );
    await expect(fetchPersisted(REQUEST, undefined, fetcher)).rejects.toThrow("Not in the safelist.");
    expect(calls).toHaveLength(1);
  });
});
