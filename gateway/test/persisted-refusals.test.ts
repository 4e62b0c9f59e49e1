// Automatic persisted queries a client got wrong (issue 14): a registration under a hash that is not
// its text's answered INTERNAL_SERVER_ERROR, and so did an unknown version or a hash that is not a
// string. Each is now a 400 with a code, refused before Apollo sees it; over HTTP, as clients send them.
import type { RunningServer } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationId, WIDGET_MANIFEST } from "../src/persisted-operations";
import { startGateway } from "../src/server";

const QUERY = "{ __typename }";
const HASH = operationId(QUERY);
const OTHER_HASH = operationId("{ other: __typename }");

let gateway: RunningServer;

beforeAll(async () => {
  // subgraphs that answer nothing: no request here needs one
  const silent = { process: async () => ({ data: null }) };
  gateway = await startGateway(
    0,
    {
      rateLimiter: null,
      responseCache: false,
      dataVersion: { current: async () => null, close: async () => {} },
      dataSources: { cities: silent, agreements: silent, projects: silent, news: silent },
    },
    "127.0.0.1",
  );
});

afterAll(() => gateway?.close());

interface Answer {
  status: number;
  codes: unknown[];
  messages: unknown[];
  data?: unknown;
}

async function read(response: Response): Promise<Answer> {
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message?: unknown; extensions?: { code?: unknown } }[];
  };
  const errors = body.errors ?? [];
  return {
    status: response.status,
    codes: errors.map((error) => error.extensions?.code),
    messages: errors.map((error) => error.message),
    data: body.data,
  };
}

function post(body: unknown): Promise<Answer> {
  return fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(read);
}

function get(parameters: Record<string, string>): Promise<Answer> {
  return fetch(`${gateway.url}?${new URLSearchParams(parameters)}`).then(read);
}

function persisted(persistedQuery: unknown) {
  return { persistedQuery };
}

describe("a registration whose hash is not its text's", () => {
  it("is a 400 PERSISTED_QUERY_HASH_MISMATCH over POST", async () => {
    const answer = await post({
      query: QUERY,
      extensions: persisted({ version: 1, sha256Hash: OTHER_HASH }),
    });
    expect(answer).toMatchObject({ status: 400, codes: ["PERSISTED_QUERY_HASH_MISMATCH"] });
    expect(answer.messages[0]).toMatch(/not the sha256 of the query/);
  });

  it("is a 400 PERSISTED_QUERY_HASH_MISMATCH over GET", async () => {
    const answer = await get({
      query: QUERY,
      extensions: JSON.stringify(persisted({ version: 1, sha256Hash: OTHER_HASH })),
    });
    expect(answer).toMatchObject({ status: 400, codes: ["PERSISTED_QUERY_HASH_MISMATCH"] });
  });

  it("refuses the whole batch it is in", async () => {
    const answer = await post([
      { query: QUERY },
      { query: QUERY, extensions: persisted({ version: 1, sha256Hash: OTHER_HASH }) },
    ]);
    expect(answer).toMatchObject({ status: 400, codes: ["PERSISTED_QUERY_HASH_MISMATCH"] });
  });

  it("is not kept: the hash alone is still unknown", async () => {
    const text = "{ kept: __typename }";
    await post({ query: text, extensions: persisted({ version: 1, sha256Hash: OTHER_HASH }) });
    const answer = await post({ extensions: persisted({ version: 1, sha256Hash: OTHER_HASH }) });
    expect(answer.codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });
});

describe("a persisted query extension that is malformed", () => {
  it.each<[string, unknown]>([
    ["version 2", { version: 2, sha256Hash: HASH }],
    ["version 0", { version: 0, sha256Hash: HASH }],
    ['version "1"', { version: "1", sha256Hash: HASH }],
    ["no version", { sha256Hash: HASH }],
    ["a number for a hash", { version: 1, sha256Hash: 5 }],
    ["an object for a hash", { version: 1, sha256Hash: { $ne: "" } }],
    ["no hash", { version: 1 }],
    ["a string for the extension", "yes"],
    ["an array for the extension", [1]],
  ])(
    "%s is a 400 BAD_REQUEST, with a text or with the hash alone, over POST and GET",
    async (_name, extension) => {
      for (const query of [QUERY, undefined]) {
        const answers = [
          await post({ query, extensions: persisted(extension) }),
          await get({
            ...(query === undefined ? {} : { query }),
            extensions: JSON.stringify(persisted(extension)),
          }),
        ];
        for (const answer of answers) expect(answer).toMatchObject({ status: 400, codes: ["BAD_REQUEST"] });
      }
    },
  );

  it.each(["zz", "", "../../x", HASH.toUpperCase(), "a".repeat(10_000)])(
    "the hash alone %#, not 64 lowercase hex digits, is a 400 BAD_REQUEST",
    async (sha256Hash) => {
      const answer = await post({ extensions: persisted({ version: 1, sha256Hash }) });
      expect(answer).toMatchObject({ status: 400, codes: ["BAD_REQUEST"] });
      expect(answer.messages[0]).toMatch(/64 lowercase hex digits/);
    },
  );
});

describe("what automatic persisted queries provide for", () => {
  it("an unknown hash alone is PERSISTED_QUERY_NOT_FOUND, the client's cue to send the text", async () => {
    const hash = operationId("{ unknown: __typename }");
    for (const answer of [
      await post({ extensions: persisted({ version: 1, sha256Hash: hash }) }),
      await get({ extensions: JSON.stringify(persisted({ version: 1, sha256Hash: hash })) }),
    ])
      expect(answer.codes).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("a registration with its own hash runs, and the hash alone runs it after", async () => {
    const registered = await post({ query: QUERY, extensions: persisted({ version: 1, sha256Hash: HASH }) });
    expect(registered).toMatchObject({ status: 200, codes: [], data: { __typename: "Query" } });
    const again = await get({ extensions: JSON.stringify(persisted({ version: 1, sha256Hash: HASH })) });
    expect(again).toMatchObject({ status: 200, codes: [], data: { __typename: "Query" } });
  });

  it("a listed operation runs by its hash from the first request", async () => {
    const [operation] = WIDGET_MANIFEST.operations;
    if (!operation) throw new Error("the widget lists no operation");
    const answer = await post({ extensions: persisted({ version: 1, sha256Hash: operation.id }) });
    expect(answer.codes).not.toContain("PERSISTED_QUERY_NOT_FOUND");
    expect(answer.codes).not.toContain("BAD_REQUEST");
  });

  it("a null extension is no persisted query at all", async () => {
    const answer = await post({ query: QUERY, extensions: persisted(null) });
    expect(answer).toMatchObject({ status: 200, data: { __typename: "Query" } });
  });
});
